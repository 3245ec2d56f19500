using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Inventory.Data;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Inventory.Reservations;

/// <summary>
/// The inventory facade. Every change is a single conditional UPDATE whose WHERE clause is the invariant, so the
/// database, not application code, decides who gets the last unit; rows are touched in product-id order so that
/// concurrent multi-line orders on PostgreSQL never deadlock.
/// </summary>
internal sealed class StockLedger(InventoryDbContext db, IEnumerable<IStockLevelObserver> observers, Outbox outbox, TimeProvider clock) : IInventory
{
    public const int DefaultLowStockThreshold = 5;

    /// <summary>Most units one product may have on hand; far above any real warehouse, well inside an int.</summary>
    public const int MaxOnHand = 10_000_000;

    public async Task OpenStockAsync(Guid productId, string sku, int onHand, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Stock.Add(new StockItem { ProductId = productId, Sku = sku, OnHand = onHand, LowStockThreshold = DefaultLowStockThreshold, UpdatedAt = now });
        if (onHand != 0)
        {
            db.Adjustments.Add(new StockAdjustment
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()), ProductId = productId, Sku = sku, Delta = onHand, OnHandAfter = onHand,
                Reason = "Opening stock", At = now,
            });
        }
        await TellObserversAsync(productId, onHand, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> TryReserveAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var shortSkus = new List<string>();
        foreach (var line in lines.OrderBy(l => l.ProductId))
        {
            var reserved = await db.Stock
                .Where(s => s.ProductId == line.ProductId && s.OnHand - s.Reserved >= line.Quantity)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.Reserved, s => s.Reserved + line.Quantity)
                    .SetProperty(s => s.UpdatedAt, now), cancellationToken);
            if (reserved == 0)
            {
                shortSkus.Add(line.Sku);
            }
            else if (shortSkus.Count == 0)
            {
                await NotifyAsync(line.ProductId, line.Quantity, cancellationToken);
            }
        }
        return shortSkus;
    }

    public async Task ReleaseAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var line in lines.OrderBy(l => l.ProductId))
        {
            await db.Stock
                .Where(s => s.ProductId == line.ProductId && s.Reserved >= line.Quantity)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.Reserved, s => s.Reserved - line.Quantity)
                    .SetProperty(s => s.UpdatedAt, now), cancellationToken);
            await NotifyAsync(line.ProductId, -line.Quantity, cancellationToken);
        }
    }

    public async Task ShipAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var line in lines.OrderBy(l => l.ProductId))
        {
            await db.Stock
                .Where(s => s.ProductId == line.ProductId && s.Reserved >= line.Quantity)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.Reserved, s => s.Reserved - line.Quantity)
                    .SetProperty(s => s.OnHand, s => s.OnHand - line.Quantity)
                    .SetProperty(s => s.UpdatedAt, now), cancellationToken);
        }
    }

    public async Task<IReadOnlyDictionary<Guid, int>> OnHandAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken) =>
        await db.Stock.AsNoTracking().Where(s => productIds.Contains(s.ProductId))
            .ToDictionaryAsync(s => s.ProductId, s => s.OnHand, cancellationToken);

    public async Task<bool> TrySetOnHandAsync(Guid productId, int onHand, string reason, Guid? actor, CancellationToken cancellationToken)
    {
        var stock = await db.Stock.AsNoTracking().FirstOrDefaultAsync(s => s.ProductId == productId, cancellationToken);
        if (stock is null)
        {
            return false;
        }
        return stock.OnHand == onHand || await TryAdjustAsync(stock, onHand - stock.OnHand, reason, actor, cancellationToken) is not null;
    }

    /// <summary>Changes on-hand by <paramref name="delta"/> unless that would leave less on hand than is reserved.</summary>
    public async Task<StockItem?> TryAdjustAsync(StockItem stock, int delta, string reason, Guid? actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Stock
            .Where(s => s.ProductId == stock.ProductId && s.OnHand + delta >= s.Reserved && s.OnHand + delta <= MaxOnHand)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.OnHand, s => s.OnHand + delta)
                .SetProperty(s => s.UpdatedAt, now), cancellationToken);
        if (changed == 0)
        {
            return null;
        }
        var after = await db.Stock.AsNoTracking().FirstAsync(s => s.ProductId == stock.ProductId, cancellationToken);
        db.Adjustments.Add(new StockAdjustment
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), ProductId = after.ProductId, Sku = after.Sku, Delta = delta,
            OnHandAfter = after.OnHand, Reason = reason, ActorId = actor, At = now,
        });
        await NotifyAsync(after.ProductId, -delta, cancellationToken);
        return after;
    }

    /// <param name="used">Units the change took from available (negative when it gave units back).</param>
    /// <summary>Tells observers the new level and announces crossing the low-stock threshold, either way.</summary>
    private async Task NotifyAsync(Guid productId, int used, CancellationToken cancellationToken)
    {
        var stock = await db.Stock.AsNoTracking().Where(s => s.ProductId == productId)
            .Select(s => new { s.Sku, Available = s.OnHand - s.Reserved, s.LowStockThreshold }).FirstAsync(cancellationToken);
        await TellObserversAsync(productId, stock.Available, cancellationToken);
        var before = stock.Available + used;
        var now = clock.GetUtcNow().UtcDateTime;
        if (before > stock.LowStockThreshold && stock.Available <= stock.LowStockThreshold)
        {
            outbox.Append(new StockRunningLow(Guid.CreateVersion7(), now, productId, stock.Sku, stock.Available, stock.LowStockThreshold));
        }
        else if (before <= stock.LowStockThreshold && stock.Available > stock.LowStockThreshold)
        {
            outbox.Append(new StockReplenished(Guid.CreateVersion7(), now, productId, stock.Sku, stock.Available, stock.LowStockThreshold));
        }
    }

    private async Task TellObserversAsync(Guid productId, int available, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            await observer.StockChangedAsync(productId, available, cancellationToken);
        }
    }
}
