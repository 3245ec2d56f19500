namespace CloudMart.Modules.Inventory.Contracts;

/// <summary>
/// Stock operations other modules run inside their unit of work. Each is a conditional update in the database, so
/// no interleaving of concurrent buyers can push <c>available = onHand - reserved</c> below zero.
/// </summary>
public interface IInventory
{
    /// <summary>Starts tracking a new product's stock.</summary>
    Task OpenStockAsync(Guid productId, string sku, int onHand, CancellationToken cancellationToken);

    /// <summary>Reserves every line or nothing; returns the SKUs that lacked stock (empty on success).</summary>
    Task<IReadOnlyList<string>> TryReserveAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken);

    /// <summary>Gives reserved units back (an order cancelled or its payment failed).</summary>
    Task ReleaseAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken);

    /// <summary>Reserved units leave the warehouse: on hand and reserved both go down.</summary>
    Task ShipAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken);

    /// <summary>Units on hand per product, for exports and reports.</summary>
    Task<IReadOnlyDictionary<Guid, int>> OnHandAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    /// <summary>Sets on-hand to an absolute count (bulk import), refusing to go below what is reserved.</summary>
    Task<bool> TrySetOnHandAsync(Guid productId, int onHand, string reason, Guid? actor, CancellationToken cancellationToken);
}

public sealed record StockLine(Guid ProductId, string Sku, int Quantity);

/// <summary>Told of every change to a product's available units, inside the same transaction.</summary>
public interface IStockLevelObserver
{
    Task StockChangedAsync(Guid productId, int available, CancellationToken cancellationToken);
}
