using System.Globalization;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// The dashboard's figures on DynamoDB, kept as counters rather than counted per page view: a day item
/// <c>SALES#{yyyy-MM-dd} / SALES</c> (orders placed that day, revenue of those that still stand) and
/// <c>COUNTER#AWAITINGSHIPMENT</c> (confirmed orders not yet shipped). Every move of an order adds its difference in the
/// same TransactWriteItems as the order's own conditional write, so the figures move exactly when the order does.
/// </summary>
internal static class DynamoSalesFigures
{
    public static Dictionary<string, AttributeValue> DayKey(DateOnly day) => new()
    {
        ["PK"] = Attr.S("SALES#" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ["SK"] = Attr.S("SALES"),
    };

    public static readonly Dictionary<string, AttributeValue> AwaitingShipmentKey = new()
    {
        ["PK"] = Attr.S("COUNTER#AWAITINGSHIPMENT"),
        ["SK"] = Attr.S("COUNTER"),
    };

    /// <summary>
    /// The counter updates for <paramref name="order"/> having moved from <paramref name="from"/> (null: just placed)
    /// to its current status: none, one or two items to add to the move's transaction.
    /// </summary>
    public static IEnumerable<TransactWriteItem> Moved(string tableName, Order order, OrderStatus? from)
    {
        var placed = from is null ? 1 : 0;
        var revenue = (Stands(order.Status) ? order.Total : 0m) - (from is { } before && Stands(before) ? order.Total : 0m);
        if (placed != 0 || revenue != 0m)
        {
            yield return new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = tableName,
                    Key = DayKey(DateOnly.FromDateTime(order.CreatedAt)),
                    UpdateExpression = "ADD Orders :placed, Revenue :revenue SET Kind = :kind",
                    ExpressionAttributeValues = new()
                    {
                        [":placed"] = Attr.N(placed), [":revenue"] = Attr.N(revenue), [":kind"] = Attr.S("SalesDay"),
                    },
                },
            };
        }
        var awaiting = (order.Status == OrderStatus.Confirmed ? 1 : 0) - (from == OrderStatus.Confirmed ? 1 : 0);
        if (awaiting != 0)
        {
            yield return new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = tableName,
                    Key = AwaitingShipmentKey,
                    UpdateExpression = "ADD #value :delta",
                    ExpressionAttributeNames = new() { ["#value"] = "Value" },
                    ExpressionAttributeValues = new() { [":delta"] = Attr.N(awaiting) },
                },
            };
        }
    }

    /// <summary>Revenue leaves out cancelled orders and failed payments, as the relational report does.</summary>
    public static bool Stands(OrderStatus status) => status is not (OrderStatus.Cancelled or OrderStatus.PaymentFailed);
}
