using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Ordering;

/// <summary>
/// Serves <see cref="ICustomerOrders"/> through the order desk, as the customer (never as staff), so it reads and
/// cancels on whichever store holds the orders with the very rules of /api/orders.
/// </summary>
internal sealed class CustomerOrders(IOrderDesk desk) : ICustomerOrders
{
    public async Task<IReadOnlyList<CustomerOrder>> ListAsync(Guid customerId, int count, CancellationToken cancellationToken)
    {
        var result = await desk.ListAsync(null, null, 1, Math.Clamp(count, 1, PageRequest.MaxPageSize), CustomerPrincipal.For(customerId), cancellationToken);
        return result.Result is Ok<PagedList<OrderView>> ok ? ok.Value!.Items.Select(From).ToList() : [];
    }

    /// <summary>Numbers are looked up as the customer, so another customer's number is simply unknown.</summary>
    public async Task<CustomerOrder?> FindByNumberAsync(Guid customerId, string orderNumber, CancellationToken cancellationToken)
    {
        var result = await desk.FindByNumberAsync(orderNumber, CustomerPrincipal.For(customerId), cancellationToken);
        return result.Result is Ok<OrderView> ok ? From(ok.Value!) : null;
    }

    public async Task<OrderCancellation> CancelAsync(Guid customerId, string orderNumber, string? reason, CancellationToken cancellationToken)
    {
        var customer = CustomerPrincipal.For(customerId);
        if ((await desk.FindByNumberAsync(orderNumber, customer, cancellationToken)).Result is not Ok<OrderView> { Value: { } order })
        {
            return new OrderCancellation(CancellationOutcome.NotFound, null, "There is no such order.");
        }
        var result = await desk.CancelAsync(order.Id, reason, customer, cancellationToken);
        return result.Result switch
        {
            Ok<OrderView> ok => new OrderCancellation(CancellationOutcome.Cancelled, From(ok.Value!), null),
            ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound } => new OrderCancellation(CancellationOutcome.NotFound, null, "There is no such order."),
            ProblemHttpResult problem => new OrderCancellation(CancellationOutcome.Refused, null, problem.ProblemDetails.Detail),
            ValidationProblem invalid => new OrderCancellation(CancellationOutcome.Refused, null, string.Join(" ", invalid.ProblemDetails.Errors.SelectMany(e => e.Value))),
            _ => new OrderCancellation(CancellationOutcome.Refused, null, "The order could not be cancelled."),
        };
    }

    private static CustomerOrder From(OrderView o) => new(
        o.Id, o.Number, o.Status.ToString(),
        o.Items.Select(l => new CustomerOrderLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.LineTotal)).ToList(),
        o.Total, o.Currency, o.Carrier, o.TrackingNumber, o.CreatedAt, o.UpdatedAt);
}
