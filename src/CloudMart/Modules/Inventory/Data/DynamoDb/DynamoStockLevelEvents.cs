using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Aws.Streams;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Inventory.Data.DynamoDb;

/// <summary>
/// Low-stock news on DynamoDB, read from the stream: a stock item whose available units cross its threshold going
/// down is StockRunningLow, going back up StockReplenished — what the relational ledger announces after its commit.
/// A conditional update cannot tell the writer the new level, but the stream's old and new images do, for every
/// writer (placement, payment failure, cancel, adjustment) at once.
/// </summary>
internal sealed class DynamoStockLevelEvents : IStreamEventSource
{
    public IEnumerable<IIntegrationEvent> EventsOf(StreamRecord record)
    {
        if (!record.IsModify || record.Kind != "Stock" || record.OldImage is not { } before || record.NewImage is not { } after)
        {
            yield break;
        }
        var was = before.Int("Available");
        var now = after.Int("Available");
        var threshold = after.Int("LowStockThreshold");
        var at = after.Time("UpdatedAt");
        if (was > threshold && now <= threshold)
        {
            yield return new StockRunningLow(StreamEventIds.For(record.SequenceNumber, nameof(StockRunningLow)), at, after.Guid("ProductId"), after.Str("Sku"), now, threshold);
        }
        else if (was <= threshold && now > threshold)
        {
            yield return new StockReplenished(StreamEventIds.For(record.SequenceNumber, nameof(StockReplenished)), at, after.Guid("ProductId"), after.Str("Sku"), now, threshold);
        }
    }
}
