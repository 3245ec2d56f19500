using CloudMart.Modules.Ordering.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Ordering;

/// <summary>
/// The back-office dashboard's figures (<see cref="ISalesReport"/>): every order placed today is counted; revenue is
/// what the orders that still stand are worth; a 30-day series ends today. Figures are compared before and after,
/// as other tests of the class place orders in the same shop.
/// </summary>
public abstract class SalesFigures(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task Orders_placed_today_are_counted_and_a_cancelled_orders_revenue_is_taken_off()
    {
        var product = await _api.CreateProductAsync(stock: 20, price: 25m);
        var buyer = await _api.CustomerAsync();
        var before = await SummaryAsync(30);

        var kept = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1));
        var cancelled = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 3));
        var placed = await SummaryAsync(30);

        Assert.Equal(before.OrdersToday + 2, placed.OrdersToday);
        Assert.Equal(before.RevenueToday + kept.GetProperty("total").GetDecimal() + cancelled.GetProperty("total").GetDecimal(), placed.RevenueToday);

        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsJsonAsync($"/api/orders/{cancelled.GetProperty("id").GetGuid()}/cancel", new { })).StatusCode);
        var after = await SummaryAsync(30);

        Assert.Equal(before.OrdersToday + 2, after.OrdersToday);
        Assert.Equal(before.RevenueToday + kept.GetProperty("total").GetDecimal(), after.RevenueToday);
        Assert.Equal(after.OrdersToday, after.Days[^1].Orders);
        Assert.Equal(after.RevenueToday, after.Days[^1].Revenue);
    }

    [Fact]
    public async Task The_series_has_one_entry_per_day_ending_today_with_quiet_days_at_zero()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        await Api.PlacedOrderAsync((await _api.CustomerAsync()).Client, (product.Id, 1));

        var summary = await SummaryAsync(30);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(30, summary.Days.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29)), summary.Days.Select(d => d.Day));
        Assert.True(summary.Days[^1].Orders >= 1);
        Assert.All(summary.Days.Take(29), d => Assert.Equal((0, 0m), (d.Orders, d.Revenue))); // the shop opened today
        Assert.Equal(SalesReport.MaxDays, (await SummaryAsync(10_000)).Days.Count);
        Assert.Single((await SummaryAsync(0)).Days);
    }

    private protected async Task<SalesSummary> SummaryAsync(int days)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISalesReport>().SummariseAsync(days, CancellationToken.None);
    }
}

/// <summary>
/// The figures the payment's outcome moves: a confirmed order awaits shipment until it ships or is cancelled, and a
/// declined order's revenue does not stand.
/// </summary>
public abstract class SalesFiguresAfterPayment(ShopFactory shop) : SalesFigures(shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task A_confirmed_order_awaits_shipment_until_it_ships_or_is_cancelled()
    {
        var product = await _api.CreateProductAsync(stock: 20);
        var buyer = await _api.CustomerAsync();
        var admin = await _api.SharedAdminAsync();
        var before = (await SummaryAsync(1)).AwaitingShipment;
        var shipped = (await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1))).GetProperty("id").GetGuid();
        var cancelled = (await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1))).GetProperty("id").GetGuid();
        Assert.Equal(before, (await SummaryAsync(1)).AwaitingShipment); // placed, not yet paid

        await _api.ConfirmPaymentAsync(shipped);
        await _api.ConfirmPaymentAsync(cancelled);
        Assert.Equal(before + 2, (await SummaryAsync(1)).AwaitingShipment);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/orders/{shipped}/ship", new { carrier = "Parcel Co" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsJsonAsync($"/api/orders/{cancelled}/cancel", new { })).StatusCode);
        Assert.Equal(before, (await SummaryAsync(1)).AwaitingShipment);
    }
}

public sealed class SalesFiguresOnSqlite(SqliteShop shop) : SalesFiguresAfterPayment(shop), IClassFixture<SqliteShop>;

public sealed class SalesFiguresOnPostgres(PostgresShop shop) : SalesFiguresAfterPayment(shop), IClassFixture<PostgresShop>;
