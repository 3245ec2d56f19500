using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// Ordering's items in the single table (ADR 0018):
/// <list type="bullet">
/// <item>an order, <c>ORDER#{id} / ORDER</c>, with its lines, address and history inside it (one read, at most 50
/// lines, far under 400 KB); GSI1 <c>CUSTOMER#{customerId} / ORDER#{sequence}</c> lists a customer's orders newest
/// first; GSI2 <c>ORDERS#{yyyy-MM} / {sequence}</c> lists everyone's orders by month for the back-office;</item>
/// <item><c>ORDERNUMBER#{CM-000123}</c> points at the order and makes the number unique;</item>
/// <item><c>IDEMPOTENCY#{customerId}#{key}</c> holds the first response to a keyed request;</item>
/// <item><c>COUNTER#ORDER</c> hands out order sequence numbers (an atomic ADD).</item>
/// </list>
/// </summary>
internal static class DynamoOrderItems
{
    public static string Pk(Guid orderId) => $"ORDER#{orderId}";

    public static string CustomerKey(Guid customerId) => $"CUSTOMER#{customerId}";

    public static string MonthKey(DateTime at) => $"ORDERS#{at:yyyy-MM}";

    public static string SequenceKey(long sequence) => sequence.ToString("D12", CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> Key(Guid orderId) => new() { ["PK"] = Attr.S(Pk(orderId)), ["SK"] = Attr.S("ORDER") };

    public static Dictionary<string, AttributeValue> IdempotencyKey(Guid customerId, string key) => new()
    {
        ["PK"] = Attr.S($"IDEMPOTENCY#{customerId}#{key}"),
        ["SK"] = Attr.S("IDEMPOTENCY"),
    };

    public static readonly Dictionary<string, AttributeValue> CounterKey = new() { ["PK"] = Attr.S("COUNTER#ORDER"), ["SK"] = Attr.S("COUNTER") };

    public static Dictionary<string, AttributeValue> NumberKey(string number) => new()
    {
        ["PK"] = Attr.S($"ORDERNUMBER#{number}"),
        ["SK"] = Attr.S("ORDERNUMBER"),
    };

    /// <summary>The order id from an item that holds one under <c>PK = ORDER#{id}</c> (the order itself, or an index entry of it).</summary>
    public static Guid IdOf(Dictionary<string, AttributeValue> item) => Guid.Parse(item.Str("PK")["ORDER#".Length..]);

    private sealed record LineData(Guid ProductId, string Sku, string Name, decimal UnitPrice, int Quantity);

    private sealed record ChangeData(OrderStatus Status, DateTime At, string? Reason);

    public static Dictionary<string, AttributeValue> ToItem(Order order)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["PK"] = Attr.S(Pk(order.Id)),
            ["SK"] = Attr.S("ORDER"),
            ["Kind"] = Attr.S("Order"),
            ["Id"] = Attr.S(order.Id.ToString()),
            ["Sequence"] = Attr.N(order.Sequence),
            ["Number"] = Attr.S(order.Number),
            ["CustomerId"] = Attr.S(order.CustomerId.ToString()),
            ["Status"] = Attr.S(order.Status.ToString()),
            ["Lines"] = Attr.S(JsonSerializer.Serialize(order.Lines.Select(l => new LineData(l.ProductId, l.Sku, l.Name, l.UnitPrice, l.Quantity)), JsonSerializerOptions.Web)),
            ["Subtotal"] = Attr.N(order.Subtotal),
            ["ShippingCost"] = Attr.N(order.ShippingCost),
            ["Tax"] = Attr.N(order.Tax),
            ["Total"] = Attr.N(order.Total),
            ["Currency"] = Attr.S(order.Currency),
            ["ShippingAddress"] = Attr.S(JsonSerializer.Serialize(order.ShippingAddress, JsonSerializerOptions.Web)),
            ["PaymentToken"] = Attr.S(order.PaymentToken),
            ["CreatedAt"] = Attr.Time(order.CreatedAt),
            ["UpdatedAt"] = Attr.Time(order.UpdatedAt),
            ["History"] = Attr.S(JsonSerializer.Serialize(order.History.Select(h => new ChangeData(h.Status, h.At, h.Reason)), JsonSerializerOptions.Web)),
            ["Version"] = Attr.N(order.Version),
            ["GSI1PK"] = Attr.S(CustomerKey(order.CustomerId)),
            ["GSI1SK"] = Attr.S("ORDER#" + SequenceKey(order.Sequence)),
            ["GSI2PK"] = Attr.S(MonthKey(order.CreatedAt)),
            ["GSI2SK"] = Attr.S(SequenceKey(order.Sequence)),
        };
        if (order.Carrier is not null)
        {
            item["Carrier"] = Attr.S(order.Carrier);
        }
        if (order.TrackingNumber is not null)
        {
            item["TrackingNumber"] = Attr.S(order.TrackingNumber);
        }
        return item;
    }

    /// <summary>
    /// Rebuilds the aggregate through its own methods: placed, then every recorded move replayed, so a stored order
    /// can only be one the domain rules could have produced (the version must come out as stored).
    /// </summary>
    public static Order FromItem(Dictionary<string, AttributeValue> item)
    {
        var lines = JsonSerializer.Deserialize<List<LineData>>(item.Str("Lines"), JsonSerializerOptions.Web) ?? [];
        var history = JsonSerializer.Deserialize<List<ChangeData>>(item.Str("History"), JsonSerializerOptions.Web) ?? [];
        var address = JsonSerializer.Deserialize<ShippingAddress>(item.Str("ShippingAddress"), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The order has no shipping address.");
        var order = Order.Place(item.Guid("Id"), item.Long("Sequence"), item.Guid("CustomerId"),
            lines.Select(l => new OrderLine { ProductId = l.ProductId, Sku = l.Sku, Name = l.Name, UnitPrice = l.UnitPrice, Quantity = l.Quantity }).ToList(),
            new Pricing.OrderTotals(item.Decimal("Subtotal"), item.Decimal("ShippingCost"), item.Decimal("Tax"), item.Decimal("Total")),
            item.Str("Currency"), address, item.Str("PaymentToken"), item.Time("CreatedAt"));
        foreach (var change in history.Skip(1))
        {
            var broken = change.Status switch
            {
                OrderStatus.Confirmed => order.ConfirmPayment(change.At),
                // Paid again after a decline: only the latest card is kept, so every attempt replays with it.
                OrderStatus.Placed => order.RetryPayment(item.Str("PaymentToken"), change.At),
                OrderStatus.PaymentFailed => order.FailPayment(change.Reason ?? "", change.At),
                OrderStatus.Shipped => order.Ship(item.OptionalStr("Carrier"), item.OptionalStr("TrackingNumber"), change.At),
                OrderStatus.Delivered => order.Deliver(change.At),
                OrderStatus.Cancelled => order.Cancel(change.Reason, change.At),
                _ => new BrokenRule($"An order cannot move to {change.Status}."),
            };
            if (broken is not null)
            {
                throw new InvalidDataException($"Stored order {order.Number} has a history its rules refuse: {broken.Message}");
            }
        }
        if (order.Version != item.Int("Version"))
        {
            throw new InvalidDataException($"Stored order {order.Number} is at version {item.Int("Version")} but its history gives {order.Version}.");
        }
        return order;
    }

    /// <summary>The order as written, on condition that nobody moved it since it was read at <paramref name="readVersion"/>.</summary>
    public static TransactWriteItem PutIfUnchanged(string tableName, Order order, int readVersion) => new()
    {
        Put = new Put
        {
            TableName = tableName,
            Item = ToItem(order),
            ConditionExpression = "Version = :read",
            ExpressionAttributeValues = new() { [":read"] = Attr.N(readVersion) },
        },
    };
}
