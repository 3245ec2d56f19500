using CloudMart.Modules.Inventory.AdjustStock;
using CloudMart.Modules.Inventory.Data;
using CloudMart.Modules.Inventory.Reservations;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Inventory.ViewStock;

/// <summary>
/// Stock for the back-office: a paged list by SKU, the products running low, and one product's figures, history and
/// adjustment through the same handlers as /api/inventory.
/// </summary>
internal sealed class StockList(InventoryDbContext db, StockLedger ledger, UnitOfWork unitOfWork) : IStockDesk
{
    public Task<Results<Ok<StockView>, ProblemHttpResult>> FindAsync(string sku, CancellationToken cancellationToken) =>
        ViewStockEndpoint.HandleAsync(sku, db, cancellationToken);

    public Task<Results<Ok<PagedList<AdjustmentView>>, ProblemHttpResult, ValidationProblem>> HistoryAsync(string sku, int? page, int? pageSize, CancellationToken cancellationToken) =>
        ViewStockEndpoint.HistoryAsync(sku, page, pageSize, db, cancellationToken);

    public Task<Results<Ok<StockView>, ValidationProblem, ProblemHttpResult>> AdjustAsync(string sku, int? delta, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AdjustStockEndpoint.HandleAsync(sku, new StockAdjustmentInput(delta, reason), db, ledger, unitOfWork, user, cancellationToken);

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
