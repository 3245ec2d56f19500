using Amazon.DynamoDBv2.Model;

namespace CloudMart.Modules.Inventory.Contracts;

/// <summary>
/// On DynamoDB (ADR 0018) another module's write and the stock it moves commit in ONE TransactWriteItems, so Inventory
/// hands out the conditional updates for its own items and the caller adds them to its transaction.
/// </summary>
public interface IStockTransactionParts
{
    /// <summary>One conditional update per line (available ≥ quantity), in the order of <paramref name="lines"/>.</summary>
    IReadOnlyList<TransactWriteItem> Reserve(IReadOnlyList<StockLine> lines, DateTime now);

    /// <summary>Gives reserved units back (reserved ≥ quantity).</summary>
    IReadOnlyList<TransactWriteItem> Release(IReadOnlyList<StockLine> lines, DateTime now);

    /// <summary>Reserved units leave the warehouse: on hand and reserved both go down.</summary>
    IReadOnlyList<TransactWriteItem> Ship(IReadOnlyList<StockLine> lines, DateTime now);

    /// <summary>After the transaction committed: tells the stock observers (the catalog's availability) the new levels.</summary>
    Task CommittedAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);
}
