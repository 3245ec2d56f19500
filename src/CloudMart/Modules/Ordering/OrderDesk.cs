using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.CancelOrder;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.FulfilOrder;
using CloudMart.Modules.Ordering.ViewOrders;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering;

/// <summary>
/// The order slices as the back-office pages call them: the very handlers behind /api/orders, so the rules, the
/// stock movements and the events are the same whichever door staff use.
/// </summary>
internal sealed class OrderDesk(OrderingDbContext db, IInventory inventory, Outbox outbox, UnitOfWork unitOfWork, TimeProvider clock) : IOrderDesk
{
    public Task<Results<Ok<PagedList<OrderView>>, ValidationProblem>> ListAsync(
        Guid? customerId, string? status, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ViewOrdersEndpoints.ListAsync(customerId, status, page, pageSize, user, db, cancellationToken);

    public Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ViewOrdersEndpoints.GetAsync(id, user, db, cancellationToken);

    public async Task<Results<Ok<OrderView>, ProblemHttpResult>> FindByNumberAsync(string number, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (IOrderDesk.NormaliseNumber(number) is not { } wanted)
        {
            return OrderAccess.NotFound();
        }
        var id = await db.Orders.AsNoTracking().IgnoreAutoIncludes().Where(o => o.Number == wanted).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await GetAsync(found, user, cancellationToken) : OrderAccess.NotFound();
    }

    public Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> ShipAsync(
        Guid id, string? carrier, string? trackingNumber, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        FulfilOrderEndpoints.ShipAsync(id, new ShipOrderInput(carrier, trackingNumber), user, db, inventory, outbox, unitOfWork, clock, cancellationToken);

    public Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> DeliverAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        FulfilOrderEndpoints.DeliverAsync(id, user, db, outbox, unitOfWork, clock, cancellationToken);

    public Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> CancelAsync(Guid id, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        CancelOrderEndpoint.HandleAsync(id, new CancelOrderInput(reason), user, db, inventory, outbox, unitOfWork, clock, cancellationToken);
}
