namespace CloudMart.Modules.Ordering.Contracts;

/// <summary>
/// A customer's own orders for other modules (the assistant): the same reads and the same cancel rules as
/// /api/orders, acting as that customer only. Another customer's order is "not found", never shown or changed.
/// </summary>
public interface ICustomerOrders
{
    /// <summary>The customer's orders, newest first.</summary>
    Task<IReadOnlyList<CustomerOrder>> ListAsync(Guid customerId, int count, CancellationToken cancellationToken);

    /// <summary>One of the customer's orders by its number (CM-000123); null when they have no such order.</summary>
    Task<CustomerOrder?> FindByNumberAsync(Guid customerId, string orderNumber, CancellationToken cancellationToken);

    /// <summary>Cancels one of the customer's orders as POST /api/orders/{id}/cancel would.</summary>
    Task<OrderCancellation> CancelAsync(Guid customerId, string orderNumber, string? reason, CancellationToken cancellationToken);
}

public sealed record CustomerOrderLine(string Sku, string Name, int Quantity, decimal UnitPrice, decimal LineTotal);

public sealed record CustomerOrder(
    Guid Id, string Number, string Status, IReadOnlyList<CustomerOrderLine> Lines, decimal Total, string Currency,
    string? Carrier, string? TrackingNumber, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>The order's own rule, restated for display: only orders not yet shipped can be cancelled.</summary>
    public bool CanBeCancelled => Status is "Placed" or "Confirmed";
}

public enum CancellationOutcome
{
    Cancelled,
    NotFound,
    Refused,
}

/// <summary>What a cancel did: the cancelled order, or why not (<see cref="Problem"/> says so in the customer's terms).</summary>
public sealed record OrderCancellation(CancellationOutcome Outcome, CustomerOrder? Order, string? Problem);
