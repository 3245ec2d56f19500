namespace CloudMart.Modules.Ordering.Contracts;

/// <summary>Read-only order details for other modules (notifications, the assistant).</summary>
public interface IOrderLookup
{
    /// <summary>The orders that exist among <paramref name="orderIds"/>, in one read.</summary>
    Task<IReadOnlyList<OrderSummary>> FindManyAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken);
}

public sealed record OrderSummary(
    Guid Id, string Number, Guid CustomerId, string Status, IReadOnlyList<OrderSummaryLine> Lines,
    decimal Subtotal, decimal ShippingCost, decimal Tax, decimal Total, string Currency,
    string ShipToName, string ShipToCity, string ShipToCountry, string? Carrier, string? TrackingNumber, DateTime CreatedAt);

public sealed record OrderSummaryLine(string Sku, string Name, int Quantity, decimal UnitPrice, decimal LineTotal);
