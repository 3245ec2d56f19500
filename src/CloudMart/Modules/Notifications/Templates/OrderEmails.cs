using System.Text;
using CloudMart.Modules.Ordering.Contracts;
using static CloudMart.Modules.Notifications.Templates.EmailLayout;

namespace CloudMart.Modules.Notifications.Templates;

/// <summary>
/// The customer e-mails of an order's life, each as (subject, HTML, text). Every one links to the order's page, where
/// the customer can act on it (cancel, pay with another card, follow the parcel); a shipped order also links to the
/// carrier's own tracking page when the carrier is known.
/// </summary>
internal static class OrderEmails
{
    public static (string Subject, string Html, string Text) Confirmed(OrderSummary order, string orderPage) => Compose(order,
        $"Order {order.Number} is confirmed",
        "Thank you for your order. Your payment was authorised and we are preparing your parcel. We will e-mail you again when it ships.",
        [("View your order", orderPage)]);

    public static (string Subject, string Html, string Text) PaymentFailed(OrderSummary order, string reason, string orderPage) => Compose(order,
        $"Payment for order {order.Number} did not go through",
        $"We could not take payment for your order ({reason}), so nothing was charged and nothing will be sent. You can pay with another card from your order's page, or put the items back in your cart from there.",
        [("Pay with another card", orderPage)]);

    public static (string Subject, string Html, string Text) Shipped(OrderSummary order, string orderPage, string? trackingPage)
    {
        var carrier = order.Carrier is null ? "" : $" with {order.Carrier}";
        var message = order.TrackingNumber is null
            ? $"Your parcel has left our warehouse{carrier}."
            : $"Your parcel has left our warehouse{carrier}. Tracking number: {order.TrackingNumber}.";
        List<(string, string)> links = trackingPage is null ? [] : [("Track your parcel", trackingPage)];
        links.Add(("View your order", orderPage));
        return Compose(order, $"Order {order.Number} is on its way", message, links);
    }

    public static (string Subject, string Html, string Text) Cancelled(OrderSummary order, string? reason, string orderPage) => Compose(order,
        $"Order {order.Number} is cancelled",
        $"Your order was cancelled{(string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason})")}. Any payment authorisation is released and you will not be charged.",
        [("View your order", orderPage)]);

    private static (string Subject, string Html, string Text) Compose(OrderSummary order, string heading, string message, IReadOnlyList<(string Label, string Url)> links)
    {
        var lines = order.Lines.Select(l => (l.Name, l.Quantity, Money(l.LineTotal, order.Currency)));
        var totals = new[]
        {
            ("Subtotal", Money(order.Subtotal, order.Currency)),
            ("Shipping", Money(order.ShippingCost, order.Currency)),
            ("Tax", Money(order.Tax, order.Currency)),
            ("Total", Money(order.Total, order.Currency)),
        };
        var html = HtmlPage(heading, Paragraph(message) + Buttons(links) + LinesTable(lines, totals)
            + Paragraph($"Delivering to {order.ShipToName}, {order.ShipToCity}, {order.ShipToCountry}."));
        var text = new StringBuilder().AppendLine(heading).AppendLine().AppendLine(message).AppendLine();
        foreach (var (label, url) in links)
        {
            text.AppendLine($"{label}: {url}");
        }
        text.AppendLine();
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
