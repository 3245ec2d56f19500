using System.Text;
using CloudMart.Modules.Ordering.Contracts;
using static CloudMart.Modules.Notifications.Templates.EmailLayout;

namespace CloudMart.Modules.Notifications.Templates;

/// <summary>The customer e-mails of an order's life, each as (subject, HTML, text).</summary>
internal static class OrderEmails
{
    public static (string Subject, string Html, string Text) Confirmed(OrderSummary order) => Compose(order,
        $"Order {order.Number} is confirmed",
        "Thank you for your order. Your payment was authorised and we are preparing your parcel. We will e-mail you again when it ships.");

    public static (string Subject, string Html, string Text) PaymentFailed(OrderSummary order, string reason) => Compose(order,
        $"Payment for order {order.Number} did not go through",
        $"We could not take payment for your order ({reason}) so it has not been placed, and nothing was charged. You are welcome to order again with another payment method.");

    public static (string Subject, string Html, string Text) Shipped(OrderSummary order) => Compose(order,
        $"Order {order.Number} is on its way",
        order.TrackingNumber is null
            ? $"Your parcel has left our warehouse{(order.Carrier is null ? "" : $" with {order.Carrier}")}."
            : $"Your parcel has left our warehouse{(order.Carrier is null ? "" : $" with {order.Carrier}")}. Tracking number: {order.TrackingNumber}.");

    public static (string Subject, string Html, string Text) Cancelled(OrderSummary order, string? reason) => Compose(order,
        $"Order {order.Number} is cancelled",
        $"Your order was cancelled{(string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason})")}. Any payment authorisation is released and you will not be charged.");

    private static (string Subject, string Html, string Text) Compose(OrderSummary order, string heading, string message)
    {
        var lines = order.Lines.Select(l => (l.Name, l.Quantity, Money(l.LineTotal, order.Currency)));
        var totals = new[]
        {
            ("Subtotal", Money(order.Subtotal, order.Currency)),
            ("Shipping", Money(order.ShippingCost, order.Currency)),
            ("Tax", Money(order.Tax, order.Currency)),
            ("Total", Money(order.Total, order.Currency)),
        };
        var html = HtmlPage(heading, Paragraph(message) + LinesTable(lines, totals)
            + Paragraph($"Delivering to {order.ShipToName}, {order.ShipToCity}, {order.ShipToCountry}."));
        var text = new StringBuilder().AppendLine(heading).AppendLine().AppendLine(message).AppendLine();
        foreach (var line in order.Lines)
        {
            text.AppendLine($"  {line.Quantity} x {line.Name}  {Money(line.LineTotal, order.Currency)}");
        }
        foreach (var (label, amount) in totals)
        {
            text.AppendLine($"  {label}: {amount}");
        }
        text.AppendLine().AppendLine($"Delivering to {order.ShipToName}, {order.ShipToCity}, {order.ShipToCountry}.").AppendLine().AppendLine("CloudMart");
        return (heading, html, text.ToString());
    }
}
