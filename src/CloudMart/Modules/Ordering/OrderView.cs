namespace CloudMart.Modules.Ordering;

internal sealed record OrderLineView(Guid ProductId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

internal sealed record AddressView(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

internal sealed record StatusChangeView(OrderStatus Status, DateTime At, string? Reason);

/// <summary>API v1 <c>Order</c>, plus <c>paymentAttempt</c> (1, then one more each time a declined order is paid again).</summary>
internal sealed record OrderView(
    Guid Id, string Number, Guid CustomerId, OrderStatus Status, IReadOnlyList<OrderLineView> Items,
    decimal Subtotal, decimal ShippingCost, decimal Tax, decimal Total, string Currency, AddressView ShippingAddress,
    string? Carrier, string? TrackingNumber, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<StatusChangeView> History,
    int PaymentAttempt)
{
    public static OrderView From(Order o) => new(
        o.Id, o.Number, o.CustomerId, o.Status,
        o.Lines.Select(l => new OrderLineView(l.ProductId, l.Sku, l.Name, l.UnitPrice, l.Quantity, l.LineTotal)).ToList(),
        o.Subtotal, o.ShippingCost, o.Tax, o.Total, o.Currency,
        new AddressView(o.ShippingAddress.Name, o.ShippingAddress.Line1, o.ShippingAddress.Line2, o.ShippingAddress.City, o.ShippingAddress.PostalCode, o.ShippingAddress.Country),
        o.Carrier, o.TrackingNumber, o.CreatedAt, o.UpdatedAt,
        o.History.OrderBy(h => h.At).Select(h => new StatusChangeView(h.Status, h.At, h.Reason)).ToList(),
        o.PaymentAttempt);
}
