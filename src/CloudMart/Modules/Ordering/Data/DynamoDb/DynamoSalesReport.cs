using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Ordering.Reports;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// The dashboard on DynamoDB: the period's day items in one BatchGetItem (100 keys a call) and the awaiting-shipment
/// counter; a page view reads at most 31 small items for the 30-day chart, however many orders there are.
/// </summary>
internal sealed class DynamoSalesReport(DynamoTable table, TimeProvider clock) : ISalesReport
{
    public async Task<SalesSummary> SummariseAsync(int days, CancellationToken cancellationToken)
    {
        days = Math.Clamp(days, 1, SalesReport.MaxDays);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var period = Enumerable.Range(0, days).Select(i => today.AddDays(i + 1 - days)).ToList();
        var keys = period.Select(DynamoSalesFigures.DayKey).Append(DynamoSalesFigures.AwaitingShipmentKey).ToList();
        var found = (await DynamoBatchReads.GetAsync(table, keys, cancellationToken)).ToDictionary(item => item.Str("PK"), StringComparer.Ordinal);
        var series = period.Select(day =>
            found.TryGetValue(DynamoSalesFigures.DayKey(day)["PK"].S, out var item)
                ? new DailySales(day, item.Int("Orders"), item.Decimal("Revenue"))
                : new DailySales(day, 0, 0m)).ToList();
        var awaiting = found.TryGetValue(DynamoSalesFigures.AwaitingShipmentKey["PK"].S, out var counter) ? Math.Max(0, counter.Int("Value")) : 0;
        var last = series[^1];
        return new SalesSummary(last.Orders, last.Revenue, awaiting, series);
    }
}
