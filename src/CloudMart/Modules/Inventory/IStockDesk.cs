using CloudMart.Modules.Inventory.ViewStock;

namespace CloudMart.Modules.Inventory;

/// <summary>
/// The stock slices as /api/inventory calls them: one port with a relational adapter (<see cref="ViewStock.StockList"/>)
/// and a DynamoDB adapter (<see cref="Data.DynamoDb.DynamoStockDesk"/>), so one set of rules runs on either store.
/// </summary>
internal interface IStockDesk
{
    Task<Results<Ok<StockView>, ProblemHttpResult>> FindAsync(string sku, CancellationToken cancellationToken);

    Task<Results<Ok<PagedList<AdjustmentView>>, ProblemHttpResult, ValidationProblem>> HistoryAsync(string sku, int? page, int? pageSize, CancellationToken cancellationToken);

    /// <summary>A page of stock by SKU, optionally only SKUs starting with <paramref name="skuPrefix"/> or only those running low.</summary>
    Task<PagedList<StockView>> ListAsync(string? skuPrefix, bool lowOnly, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>Products whose available units are at or below their low-stock threshold, the emptiest first.</summary>
    Task<IReadOnlyList<StockView>> RunningLowAsync(int take, CancellationToken cancellationToken);

    Task<Results<Ok<StockView>, ValidationProblem, ProblemHttpResult>> AdjustAsync(string sku, int? delta, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken);
}
