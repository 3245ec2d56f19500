using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Ordering.Contracts;

public sealed record OrderedLine(Guid ProductId, string Sku, int Quantity, decimal UnitPrice);

public sealed record OrderPlaced(
    Guid EventId, DateTime OccurredAt, Guid OrderId, string Number, Guid CustomerId,
    IReadOnlyList<OrderedLine> Lines, decimal Total, string Currency) : IIntegrationEvent
{
    public string StreamId => OrderId.ToString();
}

/// <summary>
/// A customer pays again for a declined order (payment attempt 2, 3…): its stock is reserved again and the payment
/// workflow authorises it as it does a placed order.
/// </summary>
public sealed record OrderPaymentRetried(
    Guid EventId, DateTime OccurredAt, Guid OrderId, string Number, Guid CustomerId, int Attempt, decimal Total, string Currency) : IIntegrationEvent
{
    public string StreamId => OrderId.ToString();
}

public sealed record OrderCancelled(Guid EventId, DateTime OccurredAt, Guid OrderId, string Number, Guid CustomerId, string? Reason) : IIntegrationEvent
{
    public string StreamId => OrderId.ToString();
}

public sealed record OrderShipped(Guid EventId, DateTime OccurredAt, Guid OrderId, string Number, Guid CustomerId, string? Carrier, string? TrackingNumber) : IIntegrationEvent
{
    public string StreamId => OrderId.ToString();
}

public sealed record OrderDelivered(Guid EventId, DateTime OccurredAt, Guid OrderId, string Number, Guid CustomerId) : IIntegrationEvent
{
    public string StreamId => OrderId.ToString();
}

public sealed record OrderConfirmed(Guid EventId, DateTime OccurredAt, Guid OrderId, string Number, Guid CustomerId, decimal Total, string Currency) : IIntegrationEvent
{
    public string StreamId => OrderId.ToString();
}

public sealed record OrderPaymentFailed(Guid EventId, DateTime OccurredAt, Guid OrderId, string Number, Guid CustomerId, string Reason) : IIntegrationEvent
{
    public string StreamId => OrderId.ToString();
}
