using CloudMart.Modules.Inventory.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Inventory.ViewStock;

internal sealed record AdjustmentView(Guid Id, string Sku, int Delta, int OnHandAfter, string Reason, Guid? ActorId, DateTime At);

/// <summary>GET /api/inventory/{sku} and its adjustment history (support, admin).</summary>
internal static class ViewStockEndpoint
{
    public static void Map(RouteGroupBuilder inventory)
    {
        inventory.MapGet("/{sku}", (string sku, IStockDesk desk, CancellationToken cancellationToken) => desk.FindAsync(sku, cancellationToken))
            .WithName("ViewStock")
            .WithSummary("A product's stock figures (support, admin).")
            .RequireAuthorization(Policies.Staff);
        inventory.MapGet("/{sku}/adjustments", (string sku, int? page, int? pageSize, IStockDesk desk, CancellationToken cancellationToken) =>
                desk.HistoryAsync(sku, page, pageSize, cancellationToken))
            .WithName("ListStockAdjustments")
            .WithSummary("Every adjustment of a product's stock, newest first (support, admin).")
            .RequireAuthorization(Policies.Staff);
    }

    internal static async Task<Results<Ok<StockView>, ProblemHttpResult>> HandleAsync(string sku, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var stock = await FindAsync(db, sku, cancellationToken);
        return stock is null ? NotFound(sku) : TypedResults.Ok(StockView.From(stock));
    }

    internal static async Task<Results<Ok<PagedList<AdjustmentView>>, ProblemHttpResult, ValidationProblem>> HistoryAsync(
        string sku, int? page, int? pageSize, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var stock = await FindAsync(db, sku, cancellationToken);
        if (stock is null)
        {
            return NotFound(sku);
        }
        var history = db.Adjustments.AsNoTracking().Where(a => a.ProductId == stock.ProductId);
        var total = await history.CountAsync(cancellationToken);
        var items = await history.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(a => new AdjustmentView(a.Id, a.Sku, a.Delta, a.OnHandAfter, a.Reason, a.ActorId, a.At))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<AdjustmentView>(items, paging.Page, paging.PageSize, total));
    }

    internal static Task<StockItem?> FindAsync(InventoryDbContext db, string sku, CancellationToken cancellationToken) =>
        sku.Length > 40
            ? Task.FromResult<StockItem?>(null)
            : db.Stock.AsNoTracking().FirstOrDefaultAsync(s => s.Sku == sku.ToUpperInvariant(), cancellationToken);

    internal static ProblemHttpResult NotFound(string sku) => ProblemTypes.NotFoundProblem(
        sku.Length <= 40 && TextRules.Problem(sku) is null ? $"No stock is kept for SKU '{sku}'." : "No stock is kept for that SKU.");
}
