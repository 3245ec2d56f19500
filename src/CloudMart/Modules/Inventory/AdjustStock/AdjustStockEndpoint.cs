using CloudMart.Modules.Inventory.Reservations;
using CloudMart.Modules.Inventory.ViewStock;
using CloudMart.Modules.Inventory.Data;
using CloudMart.Platform.Observability;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Inventory.AdjustStock;

internal sealed record StockAdjustmentInput(int? Delta, string? Reason);

/// <summary>POST /api/inventory/{sku}/adjustments (admin): count stock in or out, with a reason that is kept.</summary>
internal static class AdjustStockEndpoint
{
    public const int MaxDelta = 1_000_000;

    public static void Map(RouteGroupBuilder inventory) =>
        inventory.MapPost("/{sku}/adjustments", (string sku, StockAdjustmentInput input, IStockDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
                desk.AdjustAsync(sku, input.Delta, input.Reason, user, cancellationToken))
            .WithName("AdjustStock")
            .WithSummary("Add or remove units on hand (admin). 409 when on hand would drop below what is reserved.")
            .RequireAuthorization(Policies.Admin);

    internal static async Task<Results<Ok<StockView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string sku, StockAdjustmentInput input, InventoryDbContext db, StockLedger ledger, UnitOfWork unitOfWork,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var reason = Validate(input, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await unitOfWork.ExecuteAsync<Results<Ok<StockView>, ValidationProblem, ProblemHttpResult>>(async ct =>
        {
            var stock = await ViewStockEndpoint.FindAsync(db, sku, ct);
            if (stock is null)
            {
                return ViewStockEndpoint.NotFound(sku);
            }
            var after = await ledger.TryAdjustAsync(stock, input.Delta!.Value, reason, user.Id(), ct);
            if (after is null)
            {
                return Refused(stock, input.Delta.Value);
            }
            CloudMartTelemetry.StockAdjustments.Add(1);
            return TypedResults.Ok(StockView.From(after));
        }, cancellationToken);
    }

    /// <summary>The input's rules, shared by both stores' adapters; returns the trimmed reason.</summary>
    internal static string Validate(StockAdjustmentInput input, Validation validation)
    {
        validation.Check(input.Delta is not null, "delta", "delta is required.");
        validation.Check(input.Delta is null or not 0, "delta", "delta must not be zero.");
        validation.Check(input.Delta is null or >= -MaxDelta and <= MaxDelta, "delta", $"delta must be between -{MaxDelta} and {MaxDelta}.");
        return validation.Text(input.Reason, "reason", 200, minLength: 3);
    }

    internal static ProblemHttpResult Refused(StockItem stock, int delta)
    {
        var wouldBe = (long)stock.OnHand + delta;
        return ProblemTypes.ConflictProblem(wouldBe > StockLedger.MaxOnHand
            ? $"On hand would become {wouldBe}, above the most one product may have ({StockLedger.MaxOnHand})."
            : $"On hand would become {wouldBe}, below the {stock.Reserved} unit(s) reserved for open orders.");
    }
}
