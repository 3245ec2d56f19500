using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.FulfilOrder;

internal sealed record ShipOrderInput(string? Carrier, string? TrackingNumber);

/// <summary>POST /api/orders/{id}/ship and /deliver (admin): the warehouse's side of an order.</summary>
internal static class FulfilOrderEndpoints
{
    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapPost("/{id:guid}/ship", (Guid id, ShipOrderInput? input, ClaimsPrincipal user, IOrderDesk desk, CancellationToken cancellationToken) =>
                desk.ShipAsync(id, input?.Carrier, input?.TrackingNumber, user, cancellationToken))
            .WithName("ShipOrder")
            .WithSummary("Mark a confirmed order shipped (admin); its reserved units leave stock on hand. 409 unless Confirmed.")
            .RequireAuthorization(Policies.Admin);
        orders.MapPost("/{id:guid}/deliver", (Guid id, ClaimsPrincipal user, IOrderDesk desk, CancellationToken cancellationToken) =>
                desk.DeliverAsync(id, user, cancellationToken))
            .WithName("DeliverOrder")
            .WithSummary("Mark a shipped order delivered (admin). 409 unless Shipped.")
            .RequireAuthorization(Policies.Admin);
    }

    internal static async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> ShipAsync(
        Guid id, ShipOrderInput? input, ClaimsPrincipal user, OrderingDbContext db, IInventory inventory, Outbox outbox,
        UnitOfWork unitOfWork, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var carrier = validation.OptionalText(input?.Carrier, "carrier", 100);
        var tracking = validation.OptionalText(input?.TrackingNumber, "trackingNumber", 100);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await ChangeAsync(db, unitOfWork, id, user, async (order, now, ct) =>
        {
            if (order.Ship(carrier, tracking, now) is { } broken)
            {
                return broken;
            }
            await inventory.ShipAsync(order.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList(), ct);
            outbox.Append(new OrderShipped(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId, carrier, tracking));
            return null;
        }, clock, cancellationToken);
    }

    internal static Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> DeliverAsync(
        Guid id, ClaimsPrincipal user, OrderingDbContext db, Outbox outbox, UnitOfWork unitOfWork, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(db, unitOfWork, id, user, (order, now, _) =>
        {
            if (order.Deliver(now) is { } broken)
            {
                return Task.FromResult<BrokenRule?>(broken);
            }
            outbox.Append(new OrderDelivered(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId));
            return Task.FromResult<BrokenRule?>(null);
        }, clock, cancellationToken);

    private static async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        OrderingDbContext db, UnitOfWork unitOfWork, Guid id, ClaimsPrincipal user,
        Func<Order, DateTime, CancellationToken, Task<BrokenRule?>> change, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            return await unitOfWork.ExecuteAsync<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>>(async ct =>
            {
                var order = await OrderAccess.FindVisibleAsync(db, id, user, ct, tracked: true);
                if (order is null)
                {
                    return OrderAccess.NotFound();
                }
                return await change(order, clock.GetUtcNow().UtcDateTime, ct) is { } broken
                    ? OrderAccess.Refused(broken)
                    : TypedResults.Ok(OrderView.From(order));
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProblemTypes.ConflictProblem("The order changed at the same moment. Read it again and retry.");
        }
    }
}
