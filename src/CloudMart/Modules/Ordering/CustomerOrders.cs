using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.CancelOrder;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.ViewOrders;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering;

/// <summary>Serves <see cref="ICustomerOrders"/> through the ordering slices, as the customer (never as staff).</summary>
internal sealed class CustomerOrders(
    OrderingDbContext db, IInventory inventory, Outbox outbox, UnitOfWork unitOfWork, TimeProvider clock) : ICustomerOrders
{
    public async Task<IReadOnlyList<CustomerOrder>> ListAsync(Guid customerId, int count, CancellationToken cancellationToken)
    {
        var result = await ViewOrdersEndpoints.ListAsync(null, null, 1, Math.Clamp(count, 1, PageRequest.MaxPageSize), CustomerPrincipal.For(customerId), db, cancellationToken);
        return result.Result is Ok<PagedList<OrderView>> ok ? ok.Value!.Items.Select(From).ToList() : [];
    }

    public async Task<CustomerOrder?> FindByNumberAsync(Guid customerId, string orderNumber, CancellationToken cancellationToken)
    {
        if (await IdOfAsync(customerId, orderNumber, cancellationToken) is not { } id)
        {
            return null;
        }
        var result = await ViewOrdersEndpoints.GetAsync(id, CustomerPrincipal.For(customerId), db, cancellationToken);
        return result.Result is Ok<OrderView> ok ? From(ok.Value!) : null;
    }

    public async Task<OrderCancellation> CancelAsync(Guid customerId, string orderNumber, string? reason, CancellationToken cancellationToken)
    {
        if (await IdOfAsync(customerId, orderNumber, cancellationToken) is not { } id)
        {
            return new OrderCancellation(CancellationOutcome.NotFound, null, "There is no such order.");
        }
        var result = await CancelOrderEndpoint.HandleAsync(
            id, new CancelOrderInput(reason), CustomerPrincipal.For(customerId), db, inventory, outbox, unitOfWork, clock, cancellationToken);
        return result.Result switch
        {
            Ok<OrderView> ok => new OrderCancellation(CancellationOutcome.Cancelled, From(ok.Value!), null),
            ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound } => new OrderCancellation(CancellationOutcome.NotFound, null, "There is no such order."),
            ProblemHttpResult problem => new OrderCancellation(CancellationOutcome.Refused, null, problem.ProblemDetails.Detail),
            ValidationProblem invalid => new OrderCancellation(CancellationOutcome.Refused, null, string.Join(" ", invalid.ProblemDetails.Errors.SelectMany(e => e.Value))),
            _ => new OrderCancellation(CancellationOutcome.Refused, null, "The order could not be cancelled."),
        };
    }

    /// <summary>Numbers are looked up only among the customer's own orders, so another customer's number is simply unknown.</summary>
    private async Task<Guid?> IdOfAsync(Guid customerId, string orderNumber, CancellationToken cancellationToken)
    {
        var number = orderNumber.Trim().ToUpperInvariant();
        if (number.Length is 0 or > 20)
        {
            return null;
        }
        return await db.Orders.AsNoTracking().IgnoreAutoIncludes()
            .Where(o => o.Number == number && o.CustomerId == customerId)
            .Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static CustomerOrder From(OrderView o) => new(
        o.Id, o.Number, o.Status.ToString(),
        o.Items.Select(l => new CustomerOrderLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.LineTotal)).ToList(),
        o.Total, o.Currency, o.Carrier, o.TrackingNumber, o.CreatedAt, o.UpdatedAt);
}
