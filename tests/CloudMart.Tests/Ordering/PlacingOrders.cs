namespace CloudMart.Tests.Ordering;

/// <summary>Order placement against each database: reservation, pricing, idempotency, concurrency.</summary>
public abstract class PlacingOrders(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task Placing_an_order_reserves_stock_prices_server_side_and_records_history()
    {
        var product = await _api.ProductAsync(stock: 10, price: 12.50m);
        var buyer = await _api.CustomerAsync();

        var response = await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 3)]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Json();
        Assert.Equal($"/api/orders/{order.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        Assert.Matches("^CM-[0-9]{6}$", order.GetProperty("number").GetString());
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        Assert.Equal(buyer.Id, order.GetProperty("customerId").GetGuid());
        Assert.Equal(37.50m, order.GetProperty("subtotal").GetDecimal());
        Assert.Equal(4.95m, order.GetProperty("shippingCost").GetDecimal()); // under the free-shipping threshold
        Assert.Equal(decimal.Round((37.50m + 4.95m) * 0.07m, 2, MidpointRounding.AwayFromZero), order.GetProperty("tax").GetDecimal());
        Assert.Equal(order.GetProperty("subtotal").GetDecimal() + order.GetProperty("shippingCost").GetDecimal() + order.GetProperty("tax").GetDecimal(),
            order.GetProperty("total").GetDecimal());
        Assert.Equal("USD", order.GetProperty("currency").GetString());
        var line = Assert.Single(order.GetProperty("items").EnumerateArray());
        Assert.Equal(12.50m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(37.50m, line.GetProperty("lineTotal").GetDecimal());
        Assert.Equal("Placed", Assert.Single(order.GetProperty("history").EnumerateArray()).GetProperty("status").GetString());

        var stock = await _api.StockAsync(product.Sku);
        Assert.Equal(10, stock.GetProperty("onHand").GetInt32());
        Assert.Equal(3, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(7, stock.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Fifty_concurrent_buyers_for_ten_units_get_exactly_ten_orders_and_forty_conflicts()
    {
        var product = await _api.ProductAsync(stock: 10);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _api.CustomerAsync()));

        var responses = await Task.WhenAll(buyers.Select(b => Api.PlaceOrderAsync(b.Client, [(product.Id, 1)])));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var refusal = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Problem(HttpStatusCode.Conflict);
        Assert.Contains(product.Sku, refusal.GetProperty("skus").EnumerateArray().Select(s => s.GetString()));
        var stock = await _api.StockAsync(product.Sku);
        Assert.Equal(10, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(0, stock.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task One_idempotency_key_replayed_twenty_times_concurrently_places_one_order()
    {
        var product = await _api.ProductAsync(stock: 100);
        var buyer = await _api.CustomerAsync();
        var key = "checkout-" + Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Api.PlaceOrderAsync(buyer.Client, [(product.Id, 2)], key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Json()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        var orders = await (await buyer.Client.GetAsync("/api/orders")).Json();
        Assert.Equal(1, orders.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, (await _api.StockAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_with_another_body_is_refused_with_422()
    {
        var product = await _api.ProductAsync(stock: 100);
        var buyer = await _api.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)], "same-key")).StatusCode);

        var reused = await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 5)], "same-key");

        await reused.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, (await _api.StockAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task An_order_short_on_any_line_reserves_nothing()
    {
        var plenty = await _api.ProductAsync(stock: 50);
        var scarce = await _api.ProductAsync(stock: 1);
        var buyer = await _api.CustomerAsync();

        var response = await Api.PlaceOrderAsync(buyer.Client, [(plenty.Id, 5), (scarce.Id, 2)]);

        var problem = await response.Problem(HttpStatusCode.Conflict);
        Assert.Equal([scarce.Sku], problem.GetProperty("skus").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(0, (await _api.StockAsync(plenty.Sku)).GetProperty("reserved").GetInt32());
        Assert.Equal(0, (await _api.StockAsync(scarce.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Customer_B_gets_404_for_customer_As_order()
    {
        var product = await _api.ProductAsync(stock: 5);
        var alice = await _api.CustomerAsync();
        var bob = await _api.CustomerAsync();
        var order = await (await Api.PlaceOrderAsync(alice.Client, [(product.Id, 1)])).Json();
        var id = order.GetProperty("id").GetGuid();

        await (await bob.Client.GetAsync($"/api/orders/{id}")).Problem(HttpStatusCode.NotFound);
        await (await bob.Client.PostAsJsonAsync($"/api/orders/{id}/cancel", new { })).Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await bob.Client.GetAsync("/api/orders")).Json()).GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync($"/api/orders/{id}")).StatusCode);
        Assert.Equal("Placed", (await (await alice.Client.GetAsync($"/api/orders/{id}")).Json()).GetProperty("status").GetString());
    }
}

public sealed class PlacingOrdersOnSqlite(SqliteShop shop) : PlacingOrders(shop), IClassFixture<SqliteShop>;

public sealed class PlacingOrdersOnPostgres(PostgresShop shop) : PlacingOrders(shop), IClassFixture<PostgresShop>;
