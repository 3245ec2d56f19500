namespace CloudMart.Tests.Catalog;

/// <summary>Reading one product, and the admin's create, revise (with ETags) and archive.</summary>
public abstract class ManagingProducts(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static object Body(string sku, string name = "Stoneware mug", decimal price = 12.5m, string category = "general", int? initialStock = 7) => new
    {
        sku, name, description = "Holds 350 ml.\nDishwasher safe.", price, categorySlug = category, imageUrl = "https://img.example.com/mug.png",
        attributes = new Dictionary<string, string> { ["color"] = "Blue", ["material"] = "Stoneware" }, initialStock,
    };

    private static string NewSku() => "MUG-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task An_admin_creates_a_product_with_201_a_Location_an_ETag_and_its_opening_stock()
    {
        await _api.EnsureCategoryAsync("general");
        var admin = await _api.SharedAdminAsync();
        var sku = NewSku();

        var response = await admin.PostAsJsonAsync("/api/catalog/products", Body(sku.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var product = await response.Json();
        var id = product.GetProperty("id").GetGuid();
        Assert.Equal($"/api/catalog/products/{id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(sku, product.GetProperty("sku").GetString());
        Assert.Equal("Stoneware mug", product.GetProperty("name").GetString());
        Assert.Equal(12.5m, product.GetProperty("price").GetDecimal());
        Assert.Equal("USD", product.GetProperty("currency").GetString());
        Assert.Equal("general", product.GetProperty("categorySlug").GetString());
        Assert.Equal("https://img.example.com/mug.png", product.GetProperty("imageUrl").GetString());
        Assert.Equal("Blue", product.GetProperty("attributes").GetProperty("color").GetString());
        Assert.Equal(7, product.GetProperty("available").GetInt32());
        Assert.Equal(7, (await _api.StockOfAsync(sku)).GetProperty("onHand").GetInt32());
        var fetched = await _api.Anonymous().GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }

    [Fact]
    public async Task A_product_is_found_by_id_and_by_slug_with_its_ETag()
    {
        var created = await _api.CreateProductAsync(stock: 3, price: 19.99m);
        var anonymous = _api.Anonymous();

        var byId = await anonymous.GetAsync($"/api/catalog/products/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.NotNull(byId.Headers.ETag);
        var product = await byId.Json();
        Assert.Equal(created.Id, product.GetProperty("id").GetGuid());
        Assert.Equal(created.Sku, product.GetProperty("sku").GetString());
        Assert.Equal(19.99m, product.GetProperty("price").GetDecimal());
        Assert.Equal("A product made for a test.", product.GetProperty("description").GetString());
        Assert.Equal("Blue", product.GetProperty("attributes").GetProperty("color").GetString());
        Assert.Equal(3, product.GetProperty("available").GetInt32());
        foreach (var field in new[] { "slug", "name", "currency", "categorySlug", "imageUrl", "rating", "reviewCount", "createdAt", "updatedAt" })
        {
            Assert.True(product.TryGetProperty(field, out _), $"Product lacks {field}");
        }
        var slug = product.GetProperty("slug").GetString()!;
        var bySlug = await anonymous.GetAsync($"/api/catalog/products/{slug}");
        Assert.Equal(HttpStatusCode.OK, bySlug.StatusCode);
        Assert.Equal(created.Id, (await bySlug.Json()).GetProperty("id").GetGuid());
        Assert.Equal(byId.Headers.ETag, bySlug.Headers.ETag);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("no-such-product")]
    [InlineData("x'; DROP TABLE catalog_products; --")]
    public async Task An_unknown_product_is_404(string idOrSlug)
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products/{Uri.EscapeDataString(idOrSlug)}");

        await response.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_a_product_with_an_existing_sku_is_refused_with_409()
    {
        var existing = await _api.CreateProductAsync(stock: 1);
        var admin = await _api.SharedAdminAsync();
        var before = await _api.ProductCountAsync();

        var response = await admin.PostAsJsonAsync("/api/catalog/products", Body(existing.Sku.ToLowerInvariant(), name: "A different mug"));

        await response.Problem(HttpStatusCode.Conflict);
        Assert.Equal(before, await _api.ProductCountAsync());
    }

    [Fact]
    public async Task Creating_a_product_in_an_unknown_category_is_refused_with_400()
    {
        var admin = await _api.SharedAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/catalog/products", Body(NewSku(), category: Api.UniqueSlug("nowhere")));

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("categorySlug", out _));
    }

    [Fact]
    public async Task Revising_with_the_current_ETag_succeeds_and_returns_a_new_ETag()
    {
        var created = await _api.CreateProductAsync(stock: 2);
        var admin = await _api.SharedAdminAsync();
        var read = await _api.Anonymous().GetAsync($"/api/catalog/products/{created.Id}");
        var etag = read.Headers.ETag!;
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/catalog/products/{created.Id}")
        {
            Content = JsonContent.Create(Body(created.Sku, name: "Renamed mug", price: 14m, initialStock: null)),
        };
        request.Headers.IfMatch.Add(etag);

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotEqual(etag, response.Headers.ETag);
        var revised = await response.Json();
        Assert.Equal("Renamed mug", revised.GetProperty("name").GetString());
        Assert.Equal(14m, revised.GetProperty("price").GetDecimal());
        Assert.Equal(2, revised.GetProperty("available").GetInt32());
        var reread = await _api.Anonymous().GetAsync($"/api/catalog/products/{created.Id}");
        Assert.Equal(response.Headers.ETag, reread.Headers.ETag);
        Assert.Equal("Renamed mug", (await reread.Json()).GetProperty("name").GetString());
        Assert.Equal(2, (await _api.StockOfAsync(created.Sku)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Revising_with_a_stale_ETag_is_refused_with_412_and_changes_nothing()
    {
        var created = await _api.CreateProductAsync(stock: 2);
        var admin = await _api.SharedAdminAsync();
        var stale = (await _api.Anonymous().GetAsync($"/api/catalog/products/{created.Id}")).Headers.ETag!;
        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/catalog/products/{created.Id}") { Content = JsonContent.Create(Body(created.Sku, name: "First edit")) };
        first.Headers.IfMatch.Add(stale);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(first)).StatusCode);
        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/catalog/products/{created.Id}") { Content = JsonContent.Create(Body(created.Sku, name: "Second edit")) };
        second.Headers.IfMatch.Add(stale);

        var response = await admin.SendAsync(second);

        await response.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("First edit", (await (await _api.Anonymous().GetAsync($"/api/catalog/products/{created.Id}")).Json()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Revising_a_product_to_another_sku_is_refused_with_400()
    {
        var created = await _api.CreateProductAsync(stock: 2);
        var admin = await _api.SharedAdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/catalog/products/{created.Id}", Body(NewSku()));

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("sku", out _));
        var product = await (await _api.Anonymous().GetAsync($"/api/catalog/products/{created.Id}")).Json();
        Assert.Equal(created.Sku, product.GetProperty("sku").GetString());
    }

    [Fact]
    public async Task Revising_or_archiving_an_unknown_product_is_404()
    {
        var admin = await _api.SharedAdminAsync();

        await (await admin.PutAsJsonAsync($"/api/catalog/products/{Guid.NewGuid()}", Body(NewSku()))).Problem(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/catalog/products/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Archiving_takes_a_product_off_sale_everywhere()
    {
        var slug = Api.UniqueSlug();
        var product = await _api.CreateProductAsync(stock: 5, category: slug);
        var admin = await _api.SharedAdminAsync();
        var buyer = await _api.SharedCustomerAsync();

        var archived = await admin.DeleteAsync($"/api/catalog/products/{product.Id}");

        Assert.Equal(HttpStatusCode.NoContent, archived.StatusCode);
        var list = await (await _api.Anonymous().GetAsync($"/api/catalog/products?category={slug}")).Json();
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        var search = await (await _api.Anonymous().GetAsync($"/api/catalog/products?q={product.Sku}")).Json();
        Assert.Equal(0, search.GetProperty("totalCount").GetInt32());
        await (await _api.Anonymous().GetAsync($"/api/catalog/products/{product.Id}")).Problem(HttpStatusCode.NotFound);
        await (await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product.Id}", new { quantity = 1 })).Problem(HttpStatusCode.NotFound);
        var order = await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)])).Problem(HttpStatusCode.BadRequest);
        Assert.True(order.GetProperty("errors").TryGetProperty("items[0].productId", out _), order.ToString());
        await (await admin.PutAsJsonAsync($"/api/catalog/products/{product.Id}", Body(product.Sku))).Problem(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/catalog/products/{product.Id}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task A_product_archived_after_it_was_ordered_stays_on_the_old_order_and_leaves_the_cart()
    {
        var product = await _api.CreateProductAsync(stock: 5, price: 8m);
        var buyer = await _api.CustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product.Id}", new { quantity = 1 })).StatusCode);

        await _api.ArchiveAsync(product.Id);

        var kept = await (await buyer.Client.GetAsync($"/api/orders/{order.GetProperty("id").GetGuid()}")).Json();
        Assert.Equal(product.Sku, kept.GetProperty("items")[0].GetProperty("sku").GetString());
        var cart = await (await buyer.Client.GetAsync("/api/cart")).Json();
        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(0m, cart.GetProperty("subtotal").GetDecimal());
    }
}

public sealed class ManagingProductsOnSqlite(SqliteShop shop) : ManagingProducts(shop), IClassFixture<SqliteShop>;

public sealed class ManagingProductsOnPostgres(PostgresShop shop) : ManagingProducts(shop), IClassFixture<PostgresShop>;
