namespace CloudMart.Tests.Catalog;

/// <summary>
/// Hybrid search through GET /api/catalog/products?q=: keywords and meaning fused, typo and synonym tolerant, with
/// filters, relevance order and category facets. Each test works in categories of its own.
/// </summary>
public abstract class SearchingProducts(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static Guid[] Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToArray();

    private async Task<(TestProduct Headphones, TestProduct Studio, TestProduct Stand, TestProduct Charger, TestProduct Kettle, string Slug)> AudioShelfAsync()
    {
        var slug = Api.UniqueSlug("audio");
        var headphones = await SearchCatalog.ProductAsync(_api, slug, "Wireless Headphones", "Over-ear Bluetooth headphones with noise cancelling and a 30-hour battery.");
        var studio = await SearchCatalog.ProductAsync(_api, slug, "Studio Monitor Headphones", "Closed-back wired headphones for mixing, with a wireless adapter sold separately.");
        var stand = await SearchCatalog.ProductAsync(_api, slug, "Walnut Headphone Stand", "A desk stand that keeps your headphones tidy.");
        var charger = await SearchCatalog.ProductAsync(_api, slug, "Wireless Phone Charger", "A Qi charging pad for phones and earbuds.");
        var kettle = await SearchCatalog.ProductAsync(_api, slug, "Stovetop Kettle", "A whistling stainless-steel kettle for the hob.");
        await Vectors.AllEmbeddedAsync(shop, [headphones.Id, studio.Id, stand.Id, charger.Id, kettle.Id]);
        return (headphones, studio, stand, charger, kettle, slug);
    }

    [Fact]
    public async Task The_product_named_exactly_as_the_query_comes_first_and_results_are_relevance_ordered()
    {
        var shelf = await AudioShelfAsync();

        var page = await SearchAsync($"q={Uri.EscapeDataString("wireless headphones")}&category={shelf.Slug}");

        var ids = Ids(page);
        Assert.Equal(shelf.Headphones.Id, ids[0]);
        Assert.Contains(shelf.Studio.Id, ids); // both words, in its text
        Assert.True(Array.IndexOf(ids, shelf.Studio.Id) < Math.Max(Array.IndexOf(ids, shelf.Kettle.Id), ids.Length), "headphones before a kettle");
    }

    [Fact]
    public async Task A_misspelt_query_finds_the_products_it_meant()
    {
        var shelf = await AudioShelfAsync();

        var ids = Ids(await SearchAsync($"q=hedphones&category={shelf.Slug}"));

        Assert.Contains(shelf.Headphones.Id, ids);
        Assert.Contains(shelf.Studio.Id, ids);
        Assert.DoesNotContain(shelf.Kettle.Id, ids);
        Assert.NotEqual(shelf.Kettle.Id, ids[0]);
    }

    [Fact]
    public async Task A_synonym_no_product_mentions_finds_products_by_meaning()
    {
        var slug = Api.UniqueSlug("gear");
        var shoes = await SearchCatalog.ProductAsync(_api, slug, "Trail Running Shoes", "Cushioned, grippy shoes for running on rough trails.");
        var jacket = await SearchCatalog.ProductAsync(_api, slug, "Packable Rain Jacket", "A waterproof shell that folds into its own pocket.");
        var tent = await SearchCatalog.ProductAsync(_api, slug, "Two-Person Tent", "A light tent for backpacking trips.");
        await Vectors.AllEmbeddedAsync(shop, [shoes.Id, jacket.Id, tent.Id]);

        var ids = Ids(await SearchAsync($"q=sneakers&category={slug}"));

        Assert.NotEmpty(ids);
        Assert.Equal(shoes.Id, ids[0]);
        Assert.DoesNotContain(tent.Id, ids);
    }

    [Fact]
    public async Task Category_facets_count_matches_per_category_under_every_filter_but_the_category()
    {
        var word = "Qorvax" + Guid.NewGuid().ToString("N")[..6];
        var lamps = Api.UniqueSlug("lamps");
        var desks = Api.UniqueSlug("desks");
        await SearchCatalog.ProductAsync(_api, lamps, $"{word} Desk Lamp", "A brass lamp.", price: 40m);
        await SearchCatalog.ProductAsync(_api, lamps, $"{word} Floor Lamp", "A tall lamp.", price: 90m);
        var archived = await SearchCatalog.ProductAsync(_api, lamps, $"{word} Wall Lamp", "A wall lamp.", price: 30m);
        await SearchCatalog.ProductAsync(_api, lamps, $"{word} Pricey Lamp", "A crystal lamp.", price: 900m);
        await SearchCatalog.ProductAsync(_api, desks, $"{word} Standing Desk", "An oak desk.", price: 400m);
        await _api.ArchiveAsync(archived.Id);

        var all = await SearchAsync($"q={word}&maxPrice=500");
        var inLamps = await SearchAsync($"q={word}&maxPrice=500&category={lamps}");

        int CountIn(JsonElement page, string slug) => page.GetProperty("facets").GetProperty("categories").EnumerateArray()
            .Where(c => c.GetProperty("slug").GetString() == slug).Select(c => c.GetProperty("count").GetInt32()).SingleOrDefault();
        Assert.Equal(2, CountIn(all, lamps));
        Assert.Equal(1, CountIn(all, desks));
        // Made-up names can also draw look-alikes from other tests by meaning, in other categories: the facets account for every result.
        Assert.Equal(all.GetProperty("totalCount").GetInt32(),
            all.GetProperty("facets").GetProperty("categories").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));
        Assert.Equal(2, inLamps.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, CountIn(inLamps, desks)); // the other category stays visible to switch to
        var lampFacet = all.GetProperty("facets").GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("slug").GetString() == lamps);
        Assert.Equal(lamps, lampFacet.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Archived_products_are_never_found_by_keyword_or_by_meaning()
    {
        var slug = Api.UniqueSlug("gone");
        var word = "Zumbleton" + Guid.NewGuid().ToString("N")[..6];
        var kept = await SearchCatalog.ProductAsync(_api, slug, $"{word} Espresso Machine", "A pump espresso machine with a steam wand.");
        var gone = await SearchCatalog.ProductAsync(_api, slug, $"{word} Espresso Grinder", "A burr grinder for espresso.");
        await Vectors.AllEmbeddedAsync(shop, [kept.Id, gone.Id]);

        await _api.ArchiveAsync(gone.Id);
        var atOnce = Ids(await SearchAsync($"q={word}"));
        await Vectors.WaitForAsync(shop, gone.Id, v => v.IsArchived, "the vector is marked archived");
        var later = Ids(await SearchAsync($"q={Uri.EscapeDataString("espresso grinder")}&category={slug}"));

        Assert.Equal([kept.Id], atOnce);
        Assert.DoesNotContain(gone.Id, later);
        Assert.Contains(kept.Id, later);
    }

    [Fact]
    public async Task Filters_sorting_and_paging_still_apply_to_search_results()
    {
        var word = "Plimsor" + Guid.NewGuid().ToString("N")[..6];
        var slug = Api.UniqueSlug("filters");
        var cheap = await SearchCatalog.ProductAsync(_api, slug, $"{word} Mug", "A mug.", price: 8m, stock: 3);
        var middle = await SearchCatalog.ProductAsync(_api, slug, $"{word} Teapot", "A teapot.", price: 25m, stock: 0);
        var dear = await SearchCatalog.ProductAsync(_api, slug, $"{word} Tea Set", "A tea set.", price: 60m, stock: 2);
        // Within the category: the meaning half may add other tests' made-up names that merely look alike.

        Assert.Equal([cheap.Id, middle.Id, dear.Id], Ids(await SearchAsync($"category={slug}&q={word}&sort=price")));
        Assert.Equal([dear.Id, cheap.Id], Ids(await SearchAsync($"category={slug}&q={word}&sort=-price&inStock=true")));
        Assert.Equal([middle.Id], Ids(await SearchAsync($"category={slug}&q={word}&minPrice=10&maxPrice=30")));
        var second = await SearchAsync($"category={slug}&q={word}&sort=price&page=2&pageSize=2");
        Assert.Equal([dear.Id], Ids(second));
        Assert.Equal(3, second.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(2, second.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task The_last_word_matches_as_a_prefix_while_the_shopper_types()
    {
        var word = "Grommetz" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'x');
        var slug = Api.UniqueSlug("prefix");
        var product = await SearchCatalog.ProductAsync(_api, slug, $"{word} Canvas Tote", "A canvas tote bag.");

        Assert.Equal([product.Id], Ids(await SearchAsync($"q={word[..8]}&category={slug}")));
    }

    [Fact]
    public async Task Model_numbers_joined_by_a_hyphen_are_found_by_the_words_a_shopper_types()
    {
        // PostgreSQL's parser alone reads "T-1000" as "t" and the negative number "-1000"; search splits at the hyphen.
        var digits = Random.Shared.Next(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slug = Api.UniqueSlug("models");
        var blender = await SearchCatalog.ProductAsync(_api, slug, $"Blender T-{digits}", "A countertop blender with a glass jug.");

        Assert.Equal([blender.Id], Ids(await SearchAsync($"q={Uri.EscapeDataString($"T-{digits}")}&category={slug}")));
        Assert.Equal([blender.Id], Ids(await SearchAsync($"q={digits}&category={slug}")));
    }

    [Theory]
    [InlineData("q=%00abc")]
    [InlineData("q=abc%07")]
    public async Task A_query_with_control_characters_is_refused_with_400(string query)
    {
        var problem = await (await _api.Anonymous().GetAsync($"/api/catalog/products?{query}")).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), problem.ToString());
    }

    [Fact]
    public async Task Without_a_query_the_list_has_no_facets()
    {
        var page = await SearchAsync("pageSize=1");
        Assert.False(page.TryGetProperty("facets", out _));
    }
}

public sealed class SearchingProductsOnSqlite(SqliteSearchShop shop) : SearchingProducts(shop), IClassFixture<SqliteSearchShop>;

public sealed class SearchingProductsOnPostgres(PostgresSearchShop shop) : SearchingProducts(shop), IClassFixture<PostgresSearchShop>;
