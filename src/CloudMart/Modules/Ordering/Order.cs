namespace CloudMart.Modules.Ordering;

internal enum OrderStatus
{
    Placed,
    Confirmed,
    PaymentFailed,
    Shipped,
    Delivered,
    Cancelled,
}

/// <summary>A rule the order refused to break; the endpoint turns it into a 409 problem.</summary>
internal sealed record BrokenRule(string Message);

internal sealed class OrderLine
{
    public Guid ProductId { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public decimal UnitPrice { get; set; }

    public int Quantity { get; set; }

    public decimal LineTotal => UnitPrice * Quantity;
}

internal sealed class StatusChange
{
    public OrderStatus Status { get; set; }

    public DateTime At { get; set; }

    public string? Reason { get; set; }
}

internal sealed class ShippingAddress
{
    public required string Name { get; set; }

    public required string Line1 { get; set; }

    public string? Line2 { get; set; }

    public required string City { get; set; }

    public required string PostalCode { get; set; }

    public required string Country { get; set; }
}

/// <summary>
/// The order aggregate: its status only moves along the allowed paths
/// (Placed → Confirmed → Shipped → Delivered; Placed → PaymentFailed → Placed again with another card;
/// Placed or Confirmed → Cancelled),
/// and every move is recorded in its history.
/// </summary>
internal sealed class Order
{
    public Guid Id { get; private set; }

    public long Sequence { get; private set; }

    public string Number { get; private set; } = "";

    public Guid CustomerId { get; private set; }

    public OrderStatus Status { get; private set; }

    public List<OrderLine> Lines { get; private set; } = [];

    public decimal Subtotal { get; private set; }

    public decimal ShippingCost { get; private set; }

    public decimal Tax { get; private set; }

    public decimal Total { get; private set; }

    public string Currency { get; private set; } = "";

    public ShippingAddress ShippingAddress { get; private set; } = null!;

    public string PaymentToken { get; private set; } = "";

    /// <summary>Which payment attempt the order is on: 1 when placed, one more each time the customer pays again after a decline.</summary>
    public int PaymentAttempt { get; private set; } = 1;

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public List<StatusChange> History { get; private set; } = [];

    /// <summary>Optimistic concurrency: two staff members acting on one order at once cannot both succeed.</summary>
    public int Version { get; private set; }

    public static string FormatNumber(long sequence) => $"CM-{sequence:D6}";

    public static Order Place(
        Guid id, long sequence, Guid customerId, IReadOnlyList<OrderLine> lines, Pricing.OrderTotals totals,
        string currency, ShippingAddress address, string paymentToken, DateTime now) => new()
    {
        Id = id,
        Sequence = sequence,
        Number = FormatNumber(sequence),
        CustomerId = customerId,
        Status = OrderStatus.Placed,
        Lines = [.. lines],
        Subtotal = totals.Subtotal,
        ShippingCost = totals.Shipping,
        Tax = totals.Tax,
        Total = totals.Total,
        Currency = currency,
        ShippingAddress = address,
        PaymentToken = paymentToken,
        PaymentAttempt = 1,
        CreatedAt = now,
        UpdatedAt = now,
        History = [new StatusChange { Status = OrderStatus.Placed, At = now }],
        Version = 1,
    };

    public BrokenRule? Cancel(string? reason, DateTime now) => Status switch
    {
        OrderStatus.Placed or OrderStatus.Confirmed => MoveTo(OrderStatus.Cancelled, now, reason),
        OrderStatus.Shipped or OrderStatus.Delivered => new BrokenRule($"Order {Number} has shipped and can no longer be cancelled."),
        OrderStatus.Cancelled => new BrokenRule($"Order {Number} is already cancelled."),
        _ => new BrokenRule($"Order {Number} is {Status} and can no longer be cancelled."),
    };

    public BrokenRule? ConfirmPayment(DateTime now) =>
        Status == OrderStatus.Placed ? MoveTo(OrderStatus.Confirmed, now, "Payment authorised") : new BrokenRule($"Order {Number} is {Status}, not awaiting payment.");

    public BrokenRule? FailPayment(string reason, DateTime now) =>
        Status == OrderStatus.Placed ? MoveTo(OrderStatus.PaymentFailed, now, reason) : new BrokenRule($"Order {Number} is {Status}, not awaiting payment.");

    /// <summary>
    /// A declined order is paid again with another card: it goes back to Placed (its stock reserved again by the
    /// caller) as a new payment attempt, which the payment workflow authorises like a new order.
    /// </summary>
    public BrokenRule? RetryPayment(string paymentToken, DateTime now)
    {
        if (CheckCanRetryPayment() is { } broken)
        {
            return broken;
        }
        PaymentToken = paymentToken;
        PaymentAttempt++;
        return MoveTo(OrderStatus.Placed, now, $"Payment attempt {PaymentAttempt}: paying with another card");
    }

    /// <summary>Only a declined order can be paid again.</summary>
    public BrokenRule? CheckCanRetryPayment() => Status switch
    {
        OrderStatus.PaymentFailed => null,
        OrderStatus.Placed => new BrokenRule($"Order {Number} is already waiting for its payment to be authorised."),
        OrderStatus.Cancelled => new BrokenRule($"Order {Number} is cancelled; it cannot be paid any more."),
        _ => new BrokenRule($"Order {Number} is paid ({OrderStatusName(Status)}); there is nothing to pay again."),
    };

    private static string OrderStatusName(OrderStatus status) => status.ToString().ToLowerInvariant();

    public BrokenRule? Ship(string? carrier, string? trackingNumber, DateTime now)
    {
        if (Status != OrderStatus.Confirmed)
        {
            return new BrokenRule($"Order {Number} is {Status}; only confirmed orders can ship.");
        }
        Carrier = carrier;
        TrackingNumber = trackingNumber;
        return MoveTo(OrderStatus.Shipped, now, carrier is null ? null : $"Shipped with {carrier}");
    }

    public BrokenRule? Deliver(DateTime now) =>
        Status == OrderStatus.Shipped ? MoveTo(OrderStatus.Delivered, now, null) : new BrokenRule($"Order {Number} is {Status}; only shipped orders can be delivered.");

    /// <summary>True while the order holds reserved stock (released on cancel or payment failure, taken on shipping).</summary>
    public bool HoldsReservation => Status is OrderStatus.Placed or OrderStatus.Confirmed;

    private BrokenRule? MoveTo(OrderStatus status, DateTime now, string? reason)
    {
        Status = status;
        UpdatedAt = now;
        History.Add(new StatusChange { Status = status, At = now, Reason = reason });
        Version++;
        return null;
    }
}
