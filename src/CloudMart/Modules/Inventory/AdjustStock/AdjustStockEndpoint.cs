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
        inventory.MapPost("/{sku}/adjustments", HandleAsync)
            .WithName("AdjustStock")
            .WithSummary("Add or remove units on hand (admin). 409 when on hand would drop below what is reserved.")
            .RequireAuthorization(Policies.Admin);

    internal static async Task<Results<Ok<StockView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string sku, StockAdjustmentInput input, InventoryDbContext db, StockLedger ledger, UnitOfWork unitOfWork,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Check(input.Delta is not null, "delta", "delta is required.");
        validation.Check(input.Delta is null or not 0, "delta", "delta must not be zero.");
        validation.Check(input.Delta is null or >= -MaxDelta and <= MaxDelta, "delta", $"delta must be between -{MaxDelta} and {MaxDelta}.");
        var reason = validation.Text(input.Reason, "reason", 200, minLength: 3);
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
                var wouldBe = (long)stock.OnHand + input.Delta.Value;
                return ProblemTypes.ConflictProblem(wouldBe > StockLedger.MaxOnHand
                    ? $"On hand would become {wouldBe}, above the most one product may have ({StockLedger.MaxOnHand})."
                    : $"On hand would become {wouldBe}, below the {stock.Reserved} unit(s) reserved for open orders.");
            }
            CloudMartTelemetry.StockAdjustments.Add(1);
            return TypedResults.Ok(StockView.From(after));
        }, cancellationToken);
    }
}
