using CloudMart.Modules.Ordering.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.Reports;

/// <summary>One day of trade: orders placed that day, and the revenue of those that still stand.</summary>
internal sealed record DailySales(DateOnly Day, int Orders, decimal Revenue);

/// <summary>The back-office dashboard's figures. Days are UTC calendar days.</summary>
internal sealed record SalesSummary(int OrdersToday, decimal RevenueToday, int AwaitingShipment, IReadOnlyList<DailySales> Days);

/// <summary>
/// Sales figures for the dashboard, in two queries whatever the volume: one narrow projection of the period's orders
/// (decimal sums are done here because SQLite cannot aggregate decimals), one count of orders waiting to ship.
/// Revenue leaves out cancelled orders and failed payments; the order count includes every order placed.
/// </summary>
internal sealed class SalesReport(OrderingDbContext db, TimeProvider clock) : ISalesReport
{
    public const int MaxDays = 366;

    public async Task<SalesSummary> SummariseAsync(int days, CancellationToken cancellationToken)
    {
        days = Math.Clamp(days, 1, MaxDays);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var placed = await db.Orders.AsNoTracking()
            .Where(o => o.CreatedAt >= from)
            .Select(o => new { o.CreatedAt, o.Total, o.Status })
            .ToListAsync(cancellationToken);
        var confirmed = OrderStatus.Confirmed;
        var awaitingShipment = await db.Orders.AsNoTracking().CountAsync(o => o.Status == confirmed, cancellationToken);

        var byDay = placed
            .GroupBy(o => DateOnly.FromDateTime(o.CreatedAt))
            .ToDictionary(g => g.Key, g => new DailySales(g.Key, g.Count(), g.Where(o => Counts(o.Status)).Sum(o => o.Total)));
        var series = Enumerable.Range(0, days)
            .Select(i => today.AddDays(i + 1 - days))
            .Select(day => byDay.TryGetValue(day, out var sales) ? sales : new DailySales(day, 0, 0m))
            .ToList();
        var last = series[^1];
        return new SalesSummary(last.Orders, last.Revenue, awaitingShipment, series);
    }

    private static bool Counts(OrderStatus status) => status is not (OrderStatus.Cancelled or OrderStatus.PaymentFailed);
}
