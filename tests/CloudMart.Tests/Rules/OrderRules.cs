using CloudMart.Modules.Ordering;
using CloudMart.Modules.Ordering.Pricing;

namespace CloudMart.Tests.Rules;

/// <summary>The order's status machine and pricing, without I/O.</summary>
public sealed class OrderRules
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    private static Order NewOrder() => Order.Place(Guid.NewGuid(), 123, Guid.NewGuid(),
        [new OrderLine { ProductId = Guid.NewGuid(), Sku = "A-1", Name = "Mug", UnitPrice = 12.5m, Quantity = 2 }],
        new OrderTotals(25m, 4.95m, 2.10m, 32.05m), "USD",
        new ShippingAddress { Name = "Ada", Line1 = "1 Road", City = "Town", PostalCode = "1000", Country = "US" }, "tok_visa", Now);

    [Fact]
    public void A_new_order_is_placed_with_a_short_number_and_one_history_entry()
    {
        var order = NewOrder();
        Assert.Equal("CM-000123", order.Number);
        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal(OrderStatus.Placed, Assert.Single(order.History).Status);
        Assert.True(order.HoldsReservation);
    }

    [Fact]
    public void An_order_moves_from_placed_to_confirmed_shipped_and_delivered_recording_each_step()
    {
        var order = NewOrder();
        Assert.Null(order.ConfirmPayment(Now));
        Assert.Null(order.Ship("Parcel Co", "TRACK1", Now.AddHours(1)));
        Assert.Null(order.Deliver(Now.AddDays(2)));
        Assert.Equal([OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Delivered], order.History.Select(h => h.Status));
        Assert.Equal("TRACK1", order.TrackingNumber);
        Assert.False(order.HoldsReservation);
    }

    [Fact]
    public void A_shipped_order_cannot_be_cancelled()
    {
        var order = NewOrder();
        order.ConfirmPayment(Now);
        order.Ship(null, null, Now);
        var refused = order.Cancel("changed my mind", Now);
        Assert.NotNull(refused);
        Assert.Contains("shipped", refused.Message, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Shipped, order.Status);
    }

    [Fact]
    public void Only_confirmed_orders_ship_and_only_shipped_orders_are_delivered()
    {
        var order = NewOrder();
        Assert.NotNull(order.Ship(null, null, Now));
        Assert.NotNull(order.Deliver(Now));
        Assert.Equal(OrderStatus.Placed, order.Status);
    }

    [Fact]
    public void A_failed_payment_ends_the_order_and_it_cannot_be_cancelled_afterwards()
    {
        var order = NewOrder();
        Assert.Null(order.FailPayment("Card declined", Now));
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.False(order.HoldsReservation);
        Assert.NotNull(order.Cancel(null, Now));
        Assert.NotNull(order.ConfirmPayment(Now));
    }

    [Theory]
    [InlineData(10.00, 1, "US", 10.00, 4.95, 1.05, 16.00)]   // shipping charged below 50, 7 % tax on goods and shipping
    [InlineData(25.00, 2, "US", 50.00, 0.00, 3.50, 53.50)]   // free shipping from the threshold on
    [InlineData(19.99, 3, "DE", 59.97, 0.00, 11.39, 71.36)]  // 19 %, rounded half away from zero
    [InlineData(0.01, 1, "ZZ", 0.01, 4.95, 0.00, 4.96)]      // no rate configured: no tax
    public void Orders_are_priced_with_flat_shipping_below_the_threshold_and_tax_by_country(
        decimal unitPrice, int quantity, string country, decimal subtotal, decimal shipping, decimal tax, decimal total)
    {
        var totals = OrderPricing.Price([new OrderLine { Sku = "A", Name = "A", UnitPrice = unitPrice, Quantity = quantity }], country, new PricingOptions());
        Assert.Equal(new OrderTotals(subtotal, shipping, tax, total), totals);
    }
}
