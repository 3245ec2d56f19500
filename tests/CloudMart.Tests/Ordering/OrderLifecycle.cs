namespace CloudMart.Tests.Ordering;

/// <summary>After placing: cancelling (owner or staff), shipping and delivering (admin), and what each does to stock.</summary>
public abstract class OrderLifecycle(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static Guid Id(JsonElement order) => order.GetProperty("id").GetGuid();

    private static string[] Statuses(JsonElement order) =>
        order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()!).ToArray();

    /// <summary>The newest status change.</summary>
    private static JsonElement Latest(JsonElement order) => order.GetProperty("history").EnumerateArray().Last();

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Json();
    }

    private async Task<(TestProduct Product, Customer Buyer, JsonElement Order)> ConfirmedOrderAsync(int stock, int quantity)
    {
        var product = await _api.CreateProductAsync(stock: stock);
        var buyer = await _api.SharedCustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, quantity));
        await _api.ConfirmPaymentAsync(Id(order));
        return (product, buyer, order);
    }

    [Fact]
    public async Task The_owner_cancels_a_placed_order_its_history_records_why_and_its_stock_is_released()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var buyer = await _api.SharedCustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 4));
        Assert.Equal(4, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());

        var cancelled = await OkAsync(buyer.Client.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { reason = "Ordered the wrong size" }));

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("Placed", Statuses(cancelled).First());
        Assert.Equal("Cancelled", Statuses(cancelled).Last());
        Assert.Equal("Ordered the wrong size", Latest(cancelled).GetProperty("reason").GetString());
        var stock = await _api.StockOfAsync(product.Sku);
        Assert.Equal(10, stock.GetProperty("onHand").GetInt32());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(10, stock.GetProperty("available").GetInt32());
        Assert.Equal(10, (await (await _api.Anonymous().GetAsync($"/api/catalog/products/{product.Id}")).Json()).GetProperty("available").GetInt32());
        Assert.Equal("Cancelled", (await OkAsync(buyer.Client.GetAsync($"/api/orders/{Id(order)}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancelling_needs_no_body_and_gives_a_default_reason()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var buyer = await _api.SharedCustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1));

        var cancelled = await OkAsync(buyer.Client.PostAsync($"/api/orders/{Id(order)}/cancel", null));

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(Latest(cancelled).GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Cancelling_twice_is_refused_with_409_and_releases_stock_once()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var other = await _api.SharedCustomerAsync();
        await Api.PlacedOrderAsync(other.Client, (product.Id, 3));
        var buyer = await _api.SharedCustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));
        await OkAsync(buyer.Client.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { }));

        var again = await buyer.Client.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { });

        await again.Problem(HttpStatusCode.Conflict);
        Assert.Equal(3, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Support_may_cancel_a_customers_order()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var buyer = await _api.SharedCustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));
        var support = await _api.SharedSupportAsync();

        var cancelled = await OkAsync(support.Client.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { reason = "Customer phoned to cancel" }));

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(buyer.Id, cancelled.GetProperty("customerId").GetGuid());
        Assert.Equal("Customer phoned to cancel", Latest(cancelled).GetProperty("reason").GetString());
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task A_confirmed_order_can_still_be_cancelled_and_releases_its_stock()
    {
        var (product, buyer, order) = await ConfirmedOrderAsync(stock: 6, quantity: 2);

        var cancelled = await OkAsync(buyer.Client.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { }));

        Assert.Equal(["Placed", "Confirmed", "Cancelled"], Statuses(cancelled));
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Shipping_an_order_that_is_not_confirmed_is_refused_with_409()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var buyer = await _api.SharedCustomerAsync();
        // A declined card: the order is Placed, or PaymentFailed once a payment workflow has run; never Confirmed.
        var placed = await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 2)], paymentToken: "tok_chargeDeclined")).Json();
        var cancelled = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1));
        await OkAsync(buyer.Client.PostAsJsonAsync($"/api/orders/{Id(cancelled)}/cancel", new { }));
        var admin = await _api.SharedAdminAsync();

        foreach (var order in new[] { placed, cancelled })
        {
            await (await admin.PostAsJsonAsync($"/api/orders/{Id(order)}/ship", new { carrier = "DHL" })).Problem(HttpStatusCode.Conflict);
            await (await admin.PostAsync($"/api/orders/{Id(order)}/deliver", null)).Problem(HttpStatusCode.Conflict);
        }

        Assert.Equal(10, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());
        var seen = await OkAsync(buyer.Client.GetAsync($"/api/orders/{Id(placed)}"));
        Assert.NotEqual("Shipped", seen.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Customers_and_support_may_not_ship_or_deliver()
    {
        var (_, buyer, order) = await ConfirmedOrderAsync(stock: 5, quantity: 1);
        var support = await _api.SharedSupportAsync();

        foreach (var caller in new[] { buyer.Client, support.Client })
        {
            await (await caller.PostAsJsonAsync($"/api/orders/{Id(order)}/ship", new { })).Problem(HttpStatusCode.Forbidden);
            await (await caller.PostAsync($"/api/orders/{Id(order)}/deliver", null)).Problem(HttpStatusCode.Forbidden);
        }
        await (await _api.Anonymous().PostAsJsonAsync($"/api/orders/{Id(order)}/ship", new { })).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("Confirmed", (await OkAsync(buyer.Client.GetAsync($"/api/orders/{Id(order)}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_confirmed_order_ships_then_is_delivered_taking_its_units_from_stock()
    {
        var (product, buyer, order) = await ConfirmedOrderAsync(stock: 10, quantity: 3);
        var admin = await _api.SharedAdminAsync();
        var before = await _api.StockOfAsync(product.Sku);
        Assert.Equal(3, before.GetProperty("reserved").GetInt32());

        var shipped = await OkAsync(admin.PostAsJsonAsync($"/api/orders/{Id(order)}/ship", new { carrier = "DHL", trackingNumber = "JD014600006281230104" }));

        Assert.Equal("Shipped", shipped.GetProperty("status").GetString());
        Assert.Equal(["Placed", "Confirmed", "Shipped"], Statuses(shipped));
        var stock = await _api.StockOfAsync(product.Sku);
        Assert.Equal(7, stock.GetProperty("onHand").GetInt32());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(7, stock.GetProperty("available").GetInt32());

        await (await buyer.Client.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { })).Problem(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { })).Problem(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync($"/api/orders/{Id(order)}/ship", new { })).Problem(HttpStatusCode.Conflict);
        Assert.Equal(7, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());

        var delivered = await OkAsync(admin.PostAsync($"/api/orders/{Id(order)}/deliver", null));

        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        Assert.Equal(["Placed", "Confirmed", "Shipped", "Delivered"], Statuses(delivered));
        await (await admin.PostAsync($"/api/orders/{Id(order)}/deliver", null)).Problem(HttpStatusCode.Conflict);
        await (await buyer.Client.PostAsJsonAsync($"/api/orders/{Id(order)}/cancel", new { })).Problem(HttpStatusCode.Conflict);
        var seenByBuyer = await OkAsync(buyer.Client.GetAsync($"/api/orders/{Id(order)}"));
        Assert.Equal("Delivered", seenByBuyer.GetProperty("status").GetString());
        Assert.Equal(4, seenByBuyer.GetProperty("history").GetArrayLength());
        var final = await _api.StockOfAsync(product.Sku);
        Assert.Equal(7, final.GetProperty("onHand").GetInt32());
        Assert.Equal(0, final.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Shipping_with_invalid_carrier_text_is_refused_with_400_and_the_order_stays_confirmed()
    {
        var (product, buyer, order) = await ConfirmedOrderAsync(stock: 4, quantity: 1);
        var admin = await _api.SharedAdminAsync();

        await (await admin.PostAsJsonAsync($"/api/orders/{Id(order)}/ship", new { carrier = "DHL\u0001" })).Problem(HttpStatusCode.BadRequest);
        await (await admin.PostAsJsonAsync($"/api/orders/{Id(order)}/ship", new { trackingNumber = "TRACK\u202E123" })).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("Confirmed", (await OkAsync(buyer.Client.GetAsync($"/api/orders/{Id(order)}"))).GetProperty("status").GetString());
        Assert.Equal(4, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Shipping_or_delivering_an_unknown_order_is_404()
    {
        var admin = await _api.SharedAdminAsync();

        await (await admin.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/ship", new { })).Problem(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/api/orders/{Guid.NewGuid()}/deliver", null)).Problem(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/cancel", new { })).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class OrderLifecycleOnSqlite(SqliteShop shop) : OrderLifecycle(shop), IClassFixture<SqliteShop>;

public sealed class OrderLifecycleOnPostgres(PostgresShop shop) : OrderLifecycle(shop), IClassFixture<PostgresShop>;
