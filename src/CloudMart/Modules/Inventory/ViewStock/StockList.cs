using CloudMart.Modules.Inventory.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Inventory.ViewStock;

/// <summary>Stock across products for the back-office: a paged list by SKU and the products running low.</summary>
internal sealed class StockList(InventoryDbContext db)
{
    public async Task<PagedList<StockView>> ListAsync(string? skuPrefix, bool lowOnly, PageRequest paging, CancellationToken cancellationToken)
    {
        var stock = Filter(skuPrefix, lowOnly);
        var total = await stock.CountAsync(cancellationToken);
        var items = await stock.OrderBy(s => s.Sku).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedList<StockView>(items.Select(StockView.From).ToList(), paging.Page, paging.PageSize, total);
    }

    /// <summary>Products whose available units are at or below their low-stock threshold, the emptiest first.</summary>
    public async Task<IReadOnlyList<StockView>> RunningLowAsync(int take, CancellationToken cancellationToken)
    {
        var items = await Filter(null, lowOnly: true)
            .OrderBy(s => s.OnHand - s.Reserved).ThenBy(s => s.Sku)
            .Take(Math.Clamp(take, 1, PageRequest.MaxPageSize))
            .ToListAsync(cancellationToken);
        return items.Select(StockView.From).ToList();
    }

    private IQueryable<StockItem> Filter(string? skuPrefix, bool lowOnly)
    {
        var stock = db.Stock.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(skuPrefix))
        {
            var prefix = skuPrefix.Trim().ToUpperInvariant();
            stock = stock.Where(s => s.Sku.StartsWith(prefix));
        }
        if (lowOnly)
        {
            stock = stock.Where(s => s.OnHand - s.Reserved <= s.LowStockThreshold);
        }
        return stock;
    }
}
