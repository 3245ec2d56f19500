using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Observability;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.CancelOrder;

internal sealed record CancelOrderInput(string? Reason);

/// <summary>POST /api/orders/{id}/cancel (owner, support, admin): cancel before shipping and release the stock.</summary>
internal static class CancelOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders.MapPost("/{id:guid}/cancel", (Guid id, CancelOrderInput? input, ClaimsPrincipal user, IOrderDesk desk, CancellationToken cancellationToken) =>
                desk.CancelAsync(id, input?.Reason, user, cancellationToken))
            .WithName("CancelOrder")
            .WithSummary("Cancel an order that has not shipped; its reserved stock is released. 409 once shipped.")
            .RequireAuthorization(Policies.SignedIn);

    internal static async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, CancelOrderInput? input, ClaimsPrincipal user, OrderingDbContext db, IInventory inventory, Outbox outbox,
        UnitOfWork unitOfWork, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var reason = validation.OptionalText(input?.Reason, "reason", 500);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        // The payment workflow may move the same order (Placed → Confirmed) at the same moment. The decision is taken
        // again on the fresh order, so a lost race is retried rather than handed to the customer as a conflict.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CancelAsync(id, reason, user, db, inventory, outbox, unitOfWork, clock, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
            }
            catch (DbUpdateConcurrencyException)
            {
                return ProblemTypes.ConflictProblem("The order changed while you were cancelling it. Read it again and retry.");
            }
        }
    }

    private const int MaxAttempts = 3;

    private static Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, string? reason, ClaimsPrincipal user, OrderingDbContext db, IInventory inventory, Outbox outbox,
        UnitOfWork unitOfWork, TimeProvider clock, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>>(async ct =>
        {
            var order = await OrderAccess.FindVisibleAsync(db, id, user, ct, tracked: true);
            if (order is null)
            {
                return OrderAccess.NotFound();
            }
            var heldStock = order.HoldsReservation;
            var now = clock.GetUtcNow().UtcDateTime;
            if (order.Cancel(reason ?? (user.Id() == order.CustomerId ? "Cancelled by the customer" : "Cancelled by staff"), now) is { } broken)
            {
                return OrderAccess.Refused(broken);
            }
            if (heldStock)
            {
                await inventory.ReleaseAsync(order.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList(), ct);
            }
            outbox.Append(new OrderCancelled(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId, reason));
            CloudMartTelemetry.OrdersCancelled.Add(1);
            return TypedResults.Ok(OrderView.From(order));
        }, cancellationToken);
}
