using CloudMart.Modules.Ordering;
using CloudMart.Modules.Ordering.Data.DynamoDb;
using CloudMart.Modules.Ordering.Pricing;

namespace CloudMart.Tests.Ordering;

/// <summary>
/// What each move of an order adds to the dashboard's counters on DynamoDB (<see cref="DynamoSalesFigures"/>): the
/// day's orders and standing revenue, and the orders awaiting shipment. No I/O: the updates themselves are checked.
/// </summary>
public sealed class SalesFigureMoves
{
    private static readonly DateTime PlacedAt = new(2026, 12, 8, 23, 59, 0, DateTimeKind.Utc);

    private static Order NewOrder() => Order.Place(Guid.NewGuid(), 42, Guid.NewGuid(),
        [new OrderLine { ProductId = Guid.NewGuid(), Sku = "MUG-1", Name = "Mug", UnitPrice = 10m, Quantity = 3 }],
        new OrderTotals(30m, 4.99m, 2.40m, 37.39m), "USD",
        new ShippingAddress { Name = "Ada", Line1 = "1 Road", City = "Portland", PostalCode = "97201", Country = "US" }, "tok_visa", PlacedAt);

    /// <summary>(orders, revenue) added to the day of the order's placing, and the change of orders awaiting shipment.</summary>
    private static (int Orders, decimal Revenue, int Awaiting) Deltas(Order order, OrderStatus? from)
    {
        var updates = DynamoSalesFigures.Moved("table", order, from).Select(i => i.Update).ToList();
        var day = updates.SingleOrDefault(u => u.Key["PK"].S.StartsWith("SALES#", StringComparison.Ordinal));
        var awaiting = updates.SingleOrDefault(u => u.Key["PK"].S == "COUNTER#AWAITINGSHIPMENT");
        if (day is not null)
        {
            Assert.Equal("SALES#2026-12-08", day.Key["PK"].S); // the UTC day it was placed, however late it moves
        }
        return (day is null ? 0 : int.Parse(day.ExpressionAttributeValues[":placed"].N, System.Globalization.CultureInfo.InvariantCulture),
            day is null ? 0m : decimal.Parse(day.ExpressionAttributeValues[":revenue"].N, System.Globalization.CultureInfo.InvariantCulture),
            awaiting is null ? 0 : int.Parse(awaiting.ExpressionAttributeValues[":delta"].N, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Placing_counts_the_order_and_its_total_on_its_day()
    {
        Assert.Equal((1, 37.39m, 0), Deltas(NewOrder(), from: null));
    }

    [Fact]
    public void A_confirmed_order_awaits_shipment_until_it_ships()
    {
        var order = NewOrder();
        order.ConfirmPayment(PlacedAt.AddMinutes(1));
        Assert.Equal((0, 0m, 1), Deltas(order, OrderStatus.Placed));
        order.Ship("Parcel Co", "PC1", PlacedAt.AddDays(1));
        Assert.Equal((0, 0m, -1), Deltas(order, OrderStatus.Confirmed));
        order.Deliver(PlacedAt.AddDays(2));
        Assert.Empty(DynamoSalesFigures.Moved("table", order, OrderStatus.Shipped));
    }

    [Fact]
    public void Cancelling_takes_the_revenue_off_and_a_confirmed_order_off_the_shipping_queue()
    {
        var placed = NewOrder();
        placed.Cancel("changed my mind", PlacedAt.AddMinutes(1));
        Assert.Equal((0, -37.39m, 0), Deltas(placed, OrderStatus.Placed));

        var confirmed = NewOrder();
        confirmed.ConfirmPayment(PlacedAt.AddMinutes(1));
        confirmed.Cancel(null, PlacedAt.AddMinutes(2));
        Assert.Equal((0, -37.39m, -1), Deltas(confirmed, OrderStatus.Confirmed));
    }

    [Fact]
    public void A_declined_payment_takes_the_revenue_off_and_paying_again_puts_it_back()
    {
        var order = NewOrder();
        order.FailPayment("The card was declined.", PlacedAt.AddMinutes(1));
        Assert.Equal((0, -37.39m, 0), Deltas(order, OrderStatus.Placed));
        order.RetryPayment("tok_visa", PlacedAt.AddMinutes(5));
        Assert.Equal((0, 37.39m, 0), Deltas(order, OrderStatus.PaymentFailed));
    }

    [Fact]
    public void Every_update_adds_without_a_condition_of_its_own_so_the_moves_condition_decides()
    {
        var order = NewOrder();
        order.ConfirmPayment(PlacedAt.AddMinutes(1));
        Assert.All(DynamoSalesFigures.Moved("table", NewOrder(), null).Concat(DynamoSalesFigures.Moved("table", order, OrderStatus.Placed)), item =>
        {
            Assert.NotNull(item.Update);
            Assert.Null(item.Update.ConditionExpression);
            Assert.StartsWith("ADD ", item.Update.UpdateExpression, StringComparison.Ordinal);
        });
    }
}
