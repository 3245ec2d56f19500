namespace CloudMart.Tests.Inventory;

/// <summary>Staff read stock; admins count it in and out, and every adjustment is kept.</summary>
public abstract class ManagingStock(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static async Task<JsonElement> AdjustAsync(HttpClient client, string sku, int delta, string reason, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/inventory/{sku}/adjustments", new { delta, reason });
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    [Fact]
    public async Task Support_and_admin_read_a_products_stock_figures()
    {
        var product = await _api.CreateProductAsync(stock: 12);
        var support = await _api.SharedSupportAsync();
        var admin = await _api.SharedAdminAsync();

        foreach (var staff in new[] { support.Client, admin })
        {
            var response = await staff.GetAsync($"/api/inventory/{product.Sku}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var stock = await response.Json();
            Assert.Equal(product.Sku, stock.GetProperty("sku").GetString());
            Assert.Equal(12, stock.GetProperty("onHand").GetInt32());
            Assert.Equal(0, stock.GetProperty("reserved").GetInt32());
            Assert.Equal(12, stock.GetProperty("available").GetInt32());
            Assert.True(stock.GetProperty("lowStockThreshold").GetInt32() >= 0);
        }
        var lowerCase = await admin.GetAsync($"/api/inventory/{product.Sku.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, lowerCase.StatusCode);
    }

    [Fact]
    public async Task Customers_may_not_read_stock_and_anonymous_callers_must_sign_in()
    {
        var product = await _api.CreateProductAsync(stock: 1);
        var customer = await _api.SharedCustomerAsync();

        await (await customer.Client.GetAsync($"/api/inventory/{product.Sku}")).Problem(HttpStatusCode.Forbidden);
        await (await customer.Client.GetAsync($"/api/inventory/{product.Sku}/adjustments")).Problem(HttpStatusCode.Forbidden);
        await (await _api.Anonymous().GetAsync($"/api/inventory/{product.Sku}")).Problem(HttpStatusCode.Unauthorized);
        await (await _api.Anonymous().GetAsync($"/api/inventory/{product.Sku}/adjustments")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_sku_is_404()
    {
        var admin = await _api.SharedAdminAsync();

        await (await admin.GetAsync("/api/inventory/NO-SUCH-SKU")).Problem(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/inventory/NO-SUCH-SKU/adjustments")).Problem(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync("/api/inventory/NO-SUCH-SKU/adjustments", new { delta = 1, reason = "Found one" })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Adjustments_count_stock_in_and_out()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var admin = await _api.SharedAdminAsync();

        var received = await AdjustAsync(admin, product.Sku, +5, "Delivery from the supplier");
        var damaged = await AdjustAsync(admin, product.Sku, -3, "Damaged in the warehouse");

        Assert.Equal(15, received.GetProperty("onHand").GetInt32());
        Assert.Equal(15, received.GetProperty("available").GetInt32());
        Assert.Equal(12, damaged.GetProperty("onHand").GetInt32());
        Assert.Equal(0, damaged.GetProperty("reserved").GetInt32());
        Assert.Equal(12, damaged.GetProperty("available").GetInt32());
        Assert.Equal(product.Sku, damaged.GetProperty("sku").GetString());
        Assert.Equal(12, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());
        var listed = await (await _api.Anonymous().GetAsync($"/api/catalog/products/{product.Id}")).Json();
        Assert.Equal(12, listed.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Adjusting_stock_below_what_is_reserved_is_refused_with_409()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var buyer = await _api.SharedCustomerAsync();
        await Api.PlacedOrderAsync(buyer.Client, (product.Id, 4));
        var admin = await _api.SharedAdminAsync();

        var response = await admin.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = -2, reason = "Stock count" });

        await response.Problem(HttpStatusCode.Conflict);
        var stock = await _api.StockOfAsync(product.Sku);
        Assert.Equal(5, stock.GetProperty("onHand").GetInt32());
        Assert.Equal(4, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(1, stock.GetProperty("available").GetInt32());
        var down = await AdjustAsync(admin, product.Sku, -1, "Stock count");
        Assert.Equal(4, down.GetProperty("onHand").GetInt32());
        Assert.Equal(0, down.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Adjusting_stock_above_ten_million_units_is_refused_with_409_saying_so()
    {
        var product = await _api.CreateProductAsync(stock: 1_000_000);
        var admin = await _api.SharedAdminAsync();
        for (var i = 0; i < 9; i++)
        {
            await AdjustAsync(admin, product.Sku, 1_000_000, "Bulk delivery");
        }

        var response = await admin.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = 1, reason = "One more" });

        var problem = await response.Problem(HttpStatusCode.Conflict);
        Assert.Contains("above", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(10_000_000, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task A_zero_delta_is_refused_with_400()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var admin = await _api.SharedAdminAsync();

        var response = await admin.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = 0, reason = "Nothing really" });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("delta", out _));
    }

    [Fact]
    public async Task An_adjustment_without_a_reason_is_refused_with_400()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var admin = await _api.SharedAdminAsync();

        var missing = await admin.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = 3 });
        var blank = await admin.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = 3, reason = "   " });

        Assert.True((await missing.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True((await blank.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(5, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Support_may_read_stock_but_not_adjust_it()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var support = await _api.SharedSupportAsync();

        var response = await support.Client.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = 3, reason = "Found some" });

        await response.Problem(HttpStatusCode.Forbidden);
        Assert.Equal(5, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task The_adjustment_history_lists_who_changed_stock_when_and_why_newest_first()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var admin = await _api.SharedAdminAsync();
        var adminId = await _api.IdOfAsync(admin);
        await AdjustAsync(admin, product.Sku, +5, "Delivery from the supplier");
        await AdjustAsync(admin, product.Sku, -2, "Damaged in the warehouse");
        var support = await _api.SharedSupportAsync();

        var response = await support.Client.GetAsync($"/api/inventory/{product.Sku}/adjustments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await response.Json();
        Assert.Equal(3, history.GetProperty("totalCount").GetInt32());
        var entries = history.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["Damaged in the warehouse", "Delivery from the supplier", "Opening stock"], entries.Select(e => e.GetProperty("reason").GetString()!).ToArray());
        Assert.Equal([-2, 5, 10], entries.Select(e => e.GetProperty("delta").GetInt32()).ToArray());
        Assert.Equal([13, 15, 10], entries.Select(e => e.GetProperty("onHandAfter").GetInt32()).ToArray());
        Assert.Equal(adminId, entries[0].GetProperty("actorId").GetGuid());
        Assert.Equal(adminId, entries[1].GetProperty("actorId").GetGuid());
        Assert.All(entries, e => Assert.True(e.GetProperty("at").GetDateTime() > DateTime.UtcNow.AddMinutes(-5)));
        var paged = await (await admin.GetAsync($"/api/inventory/{product.Sku}/adjustments?page=2&pageSize=2")).Json();
        Assert.Equal("Opening stock", Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_refused_adjustment_leaves_no_trace_in_the_history()
    {
        var product = await _api.CreateProductAsync(stock: 2);
        var admin = await _api.SharedAdminAsync();

        await (await admin.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = -3, reason = "Too many" })).Problem(HttpStatusCode.Conflict);

        var history = await (await admin.GetAsync($"/api/inventory/{product.Sku}/adjustments")).Json();
        Assert.Equal(1, history.GetProperty("totalCount").GetInt32());
    }
}

public sealed class ManagingStockOnSqlite(SqliteShop shop) : ManagingStock(shop), IClassFixture<SqliteShop>;

public sealed class ManagingStockOnPostgres(PostgresShop shop) : ManagingStock(shop), IClassFixture<PostgresShop>;
