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
    private const int MaxKeysPerBatch = 100;

    public async Task<SalesSummary> SummariseAsync(int days, CancellationToken cancellationToken)
    {
        days = Math.Clamp(days, 1, SalesReport.MaxDays);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var period = Enumerable.Range(0, days).Select(i => today.AddDays(i + 1 - days)).ToList();
        var keys = period.Select(DynamoSalesFigures.DayKey).Append(DynamoSalesFigures.AwaitingShipmentKey).ToList();
        var found = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (var batch in keys.Chunk(MaxKeysPerBatch))
        {
            List<Dictionary<string, AttributeValue>>? pending = [.. batch];
            for (var attempt = 0; pending is { Count: > 0 }; attempt++)
            {
                if (attempt > 0)
                {
                    // Keys DynamoDB left unprocessed (throttling): ask again after a short, growing pause.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1_000, 20 << Math.Min(attempt, 6))), cancellationToken);
                }
                var response = await table.Client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new() { [table.Name] = new KeysAndAttributes { Keys = pending, ConsistentRead = true } },
                }, cancellationToken);
                foreach (var item in response.Responses?.GetValueOrDefault(table.Name) ?? [])
                {
                    found[item.Str("PK")] = item;
                }
                pending = response.UnprocessedKeys?.GetValueOrDefault(table.Name)?.Keys;
            }
        }
        var series = period.Select(day =>
            found.TryGetValue(DynamoSalesFigures.DayKey(day)["PK"].S, out var item)
                ? new DailySales(day, item.Int("Orders"), item.Decimal("Revenue"))
                : new DailySales(day, 0, 0m)).ToList();
        var awaiting = found.TryGetValue(DynamoSalesFigures.AwaitingShipmentKey["PK"].S, out var counter) ? Math.Max(0, counter.Int("Value")) : 0;
        var last = series[^1];
        return new SalesSummary(last.Orders, last.Revenue, awaiting, series);
    }
}
