namespace CloudMart.Tests.Ordering;

public sealed class RelayingSqliteShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["CloudMart:Relay:Enabled"] = "true" };
}

public sealed class RelayingPostgresShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["CloudMart:Relay:Enabled"] = "true" };
}

/// <summary>
/// With the order workflow running, a customer who cancels straight after placing races the payment authorisation
/// for the same order. The customer's cancellation must win or follow it, never fail because of it.
/// </summary>
public abstract class CancellingWhilePaymentRuns(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task Orders_cancelled_right_after_placing_are_all_cancelled_and_their_stock_released()
    {
        var product = await _api.CreateProductAsync(stock: 50);
        var buyer = await _api.SharedCustomerAsync();
        var cancellations = new List<HttpResponseMessage>();

        for (var i = 0; i < 10; i++)
        {
            var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));
            cancellations.Add(await buyer.Client.PostAsJsonAsync($"/api/orders/{order.GetProperty("id").GetGuid()}/cancel", new { }));
        }

        foreach (var response in cancellations)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Assert.Equal("Cancelled", (await response.Json()).GetProperty("status").GetString());
        }
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }
}

public sealed class CancellingWhilePaymentRunsOnSqlite(RelayingSqliteShop shop) : CancellingWhilePaymentRuns(shop), IClassFixture<RelayingSqliteShop>;

public sealed class CancellingWhilePaymentRunsOnPostgres(RelayingPostgresShop shop) : CancellingWhilePaymentRuns(shop), IClassFixture<RelayingPostgresShop>;
