namespace CloudMart.Tests.Catalog;

/// <summary>Anyone browses: categories, paging, filters, sorting and search. Each test works in a category of its own.</summary>
public abstract class BrowsingTheCatalog(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static string[] Skus(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("sku").GetString()!).ToArray();

    private async Task<JsonElement> BrowseAsync(string query)
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    [Fact]
    public async Task Categories_list_each_category_with_the_number_of_products_on_sale()
    {
        var slug = Api.UniqueSlug("kitchen");
        await _api.EnsureCategoryAsync(slug, "Kitchen things");
        await _api.CreateProductAsync(stock: 1, category: slug);
        var archived = await _api.CreateProductAsync(stock: 1, category: slug);
        await _api.CreateProductAsync(stock: 0, category: slug);
        await _api.ArchiveAsync(archived.Id);

        var response = await _api.Anonymous().GetAsync("/api/catalog/categories");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var category = (await response.Json()).EnumerateArray().Single(c => c.GetProperty("slug").GetString() == slug);
        Assert.NotEqual(Guid.Empty, category.GetProperty("id").GetGuid());
        Assert.Equal("Kitchen things", category.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, category.GetProperty("parentId").ValueKind);
        Assert.Equal(2, category.GetProperty("productCount").GetInt32());
    }

    [Fact]
    public async Task Products_are_paged_with_page_pageSize_and_totalCount()
    {
        var slug = Api.UniqueSlug();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await _api.CreateProductAsync(stock: 1, price: 10m + i, category: slug)).Sku);
        }

        var first = await BrowseAsync($"category={slug}&sort=price&page=1&pageSize=2");
        var last = await BrowseAsync($"category={slug}&sort=price&page=3&pageSize=2");
        var beyond = await BrowseAsync($"category={slug}&sort=price&page=4&pageSize=2");

        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(5, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(created.Take(2), Skus(first));
        Assert.Equal(3, last.GetProperty("page").GetInt32());
        Assert.Equal([created[4]], Skus(last));
        Assert.Empty(Skus(beyond));
        Assert.Equal(5, beyond.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Without_paging_parameters_the_first_page_of_twenty_is_returned()
    {
        var page = await BrowseAsync("");

        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
        Assert.True(page.GetProperty("items").GetArrayLength() <= 20);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=20&maxPrice=10", "maxPrice")]
    public async Task Out_of_range_list_parameters_are_refused_with_400(string query, string field)
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products?{query}");

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("pageSize=abc")]
    [InlineData("minPrice=cheap")]
    [InlineData("inStock=perhaps")]
    public async Task Unreadable_list_parameters_are_refused_with_400(string query)
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products?{query}");

        await response.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_category_filter_returns_only_that_categorys_products()
    {
        var mine = Api.UniqueSlug();
        var other = Api.UniqueSlug();
        var a = await _api.CreateProductAsync(stock: 1, category: mine);
        var b = await _api.CreateProductAsync(stock: 1, category: mine);
        await _api.CreateProductAsync(stock: 1, category: other);

        var page = await BrowseAsync($"category={mine}&sort=name");

        Assert.Equal(2, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(new[] { a.Sku, b.Sku }.Order(), Skus(page).Order());
        Assert.All(page.GetProperty("items").EnumerateArray(), p => Assert.Equal(mine, p.GetProperty("categorySlug").GetString()));
    }

    [Fact]
    public async Task An_unknown_category_lists_nothing()
    {
        var page = await BrowseAsync($"category={Api.UniqueSlug("nothing")}");

        Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Price_filters_keep_products_within_minPrice_and_maxPrice_inclusive()
    {
        var slug = Api.UniqueSlug();
        await _api.CreateProductAsync(stock: 1, price: 5m, category: slug);
        var ten = await _api.CreateProductAsync(stock: 1, price: 10m, category: slug);
        var twenty = await _api.CreateProductAsync(stock: 1, price: 20.50m, category: slug);
        await _api.CreateProductAsync(stock: 1, price: 30m, category: slug);

        var page = await BrowseAsync($"category={slug}&minPrice=10&maxPrice=20.5&sort=price");

        Assert.Equal([ten.Sku, twenty.Sku], Skus(page));
        Assert.Equal([ten.Sku, twenty.Sku], Skus(await BrowseAsync($"category={slug}&minPrice=6&maxPrice=25&sort=price")));
        Assert.Equal(3, (await BrowseAsync($"category={slug}&minPrice=10")).GetProperty("totalCount").GetInt32());
        Assert.Equal(2, (await BrowseAsync($"category={slug}&maxPrice=10")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_inStock_filter_leaves_out_products_nobody_can_buy_now()
    {
        var slug = Api.UniqueSlug();
        var stocked = await _api.CreateProductAsync(stock: 2, category: slug);
        await _api.CreateProductAsync(stock: 0, category: slug);
        var soldOut = await _api.CreateProductAsync(stock: 1, category: slug);
        var buyer = await _api.SharedCustomerAsync();
        await Api.PlacedOrderAsync(buyer.Client, (soldOut.Id, 1));

        var page = await BrowseAsync($"category={slug}&inStock=true");

        Assert.Equal([stocked.Sku], Skus(page));
        Assert.Equal(2, page.GetProperty("items")[0].GetProperty("available").GetInt32());
        Assert.Equal(3, (await BrowseAsync($"category={slug}&inStock=false")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Sorting_by_price_newest_rating_and_name_orders_the_list()
    {
        var slug = Api.UniqueSlug();
        var banana = await _api.NamedProductAsync("Banana bread tin", stock: 1, price: 20m, category: slug);
        var apple = await _api.NamedProductAsync("Apple corer", stock: 1, price: 30m, category: slug);
        var cherry = await _api.NamedProductAsync("Cherry pitter", stock: 1, price: 10m, category: slug);
        await _api.RateAsync(banana.Id, 3.5, 10);
        await _api.RateAsync(apple.Id, 4.8, 2);
        await _api.RateAsync(cherry.Id, 4.1, 7);

        Assert.Equal([cherry.Sku, banana.Sku, apple.Sku], Skus(await BrowseAsync($"category={slug}&sort=price")));
        Assert.Equal([apple.Sku, banana.Sku, cherry.Sku], Skus(await BrowseAsync($"category={slug}&sort=-price")));
        Assert.Equal([cherry.Sku, apple.Sku, banana.Sku], Skus(await BrowseAsync($"category={slug}&sort=newest")));
        Assert.Equal([apple.Sku, cherry.Sku, banana.Sku], Skus(await BrowseAsync($"category={slug}&sort=rating")));
        Assert.Equal([apple.Sku, banana.Sku, cherry.Sku], Skus(await BrowseAsync($"category={slug}&sort=name")));
        Assert.Equal(3, Skus(await BrowseAsync($"category={slug}&sort=relevance")).Length);
        var rated = (await BrowseAsync($"category={slug}&sort=rating")).GetProperty("items")[0];
        Assert.Equal(4.8, rated.GetProperty("rating").GetDouble());
        Assert.Equal(2, rated.GetProperty("reviewCount").GetInt32());
    }

    [Fact]
    public async Task Search_finds_a_product_by_a_word_of_its_name_and_by_its_sku()
    {
        var word = "Zyx" + Guid.NewGuid().ToString("N")[..8];
        var slug = Api.UniqueSlug();
        var wanted = await _api.NamedProductAsync($"Enamelled {word} casserole", stock: 4, price: 49.90m, category: slug);
        await _api.NamedProductAsync("Enamelled plain casserole", stock: 4, price: 39.90m, category: slug);

        var byWord = await BrowseAsync($"q={word.ToLowerInvariant()}");
        var bySku = await BrowseAsync($"q={wanted.Sku}");
        var byTwoWords = await BrowseAsync($"q={Uri.EscapeDataString("casserole " + word)}");

        Assert.Equal([wanted.Sku], Skus(byWord));
        Assert.Equal([wanted.Sku], Skus(bySku));
        Assert.Equal([wanted.Sku], Skus(byTwoWords));
        var summary = byWord.GetProperty("items")[0];
        Assert.Equal(wanted.Id, summary.GetProperty("id").GetGuid());
        Assert.Equal($"Enamelled {word} casserole", summary.GetProperty("name").GetString());
        Assert.Equal(49.90m, summary.GetProperty("price").GetDecimal());
        Assert.Equal("USD", summary.GetProperty("currency").GetString());
        Assert.Equal(slug, summary.GetProperty("categorySlug").GetString());
        Assert.Equal(4, summary.GetProperty("available").GetInt32());
        Assert.False(string.IsNullOrEmpty(summary.GetProperty("slug").GetString()));
        foreach (var field in new[] { "imageUrl", "rating", "reviewCount" })
        {
            Assert.True(summary.TryGetProperty(field, out _), $"ProductSummary lacks {field}");
        }
    }

    [Fact]
    public async Task Search_for_a_word_no_product_has_finds_nothing()
    {
        var page = await BrowseAsync($"q=nothing{Guid.NewGuid():N}");

        Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
    }
}

public sealed class BrowsingTheCatalogOnSqlite(SqliteShop shop) : BrowsingTheCatalog(shop), IClassFixture<SqliteShop>;

public sealed class BrowsingTheCatalogOnPostgres(PostgresShop shop) : BrowsingTheCatalog(shop), IClassFixture<PostgresShop>;
