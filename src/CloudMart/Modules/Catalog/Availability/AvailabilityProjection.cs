using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Inventory.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.Availability;

/// <summary>
/// Keeps the catalog's copy of each product's available units, so listings can filter and show stock without
/// reading Inventory's tables. Inventory calls this inside the same transaction as the stock change.
/// </summary>
internal sealed class AvailabilityProjection(CatalogDbContext db, CatalogPages pages) : IStockLevelObserver
{
    public async Task StockChangedAsync(Guid productId, int available, CancellationToken cancellationToken)
    {
        await db.Products.Where(p => p.Id == productId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Available, available), cancellationToken);
        await pages.ChangedAsync();
    }
}
