using System.Globalization;
using System.Text;
using System.Text.Json;
using CloudMart.Modules.Assistant.Tools;
using CloudMart.Modules.Catalog.Contracts;
using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Assistant.Offline;

/// <summary>Writes the offline assistant's reply from what its tools returned: real data, said plainly.</summary>
internal static class Replies
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ChatMessage FromToolResults(IReadOnlyList<(FunctionCallContent Call, FunctionResultContent? Result)> results, AssistantSession session)
    {
        var text = new StringBuilder();
        foreach (var (call, result) in results)
        {
            if (result is null || result.Exception is not null)
            {
                text.Append("Sorry, I couldn't do that just now. Please try again, or ask me to hand you over to a person. ");
                continue;
            }
            text.Append(call.Name switch
            {
                ToolNames.SearchProducts => Products(Read<ProductsResult>(result), found: "Here is what I found", none: "I couldn't find anything matching"),
                ToolNames.RecommendProducts => Products(Read<ProductsResult>(result), found: "You might like these", none: "I have no suggestions for"),
                ToolNames.ProductDetails => Details(Read<ProductResult>(result)),
                ToolNames.ShowCart => Cart(Read<CartResult>(result)),
                ToolNames.AddToCart => Added(Read<CartResult>(result)),
                ToolNames.ListMyOrders => Orders(Read<OrdersResult>(result), session),
                ToolNames.OrderStatus => Status(Read<OrderResult>(result)),
                ToolNames.CancelOrder => Proposed(Read<CancellationResult>(result)),
                ToolNames.ConfirmCancelOrder => Confirmed(Read<CancellationResult>(result)),
                ToolNames.LookupPolicy => Policy(Read<PolicyResult>(result)),
                ToolNames.HandOver => HandOver(Read<HandOverResult>(result)),
                _ => "",
            }).Append(' ');
        }
        return new ChatMessage(ChatRole.Assistant, text.ToString().Trim());
    }

    private static T Read<T>(FunctionResultContent content) => content.Result switch
    {
        T typed => typed,
        JsonElement element => element.Deserialize<T>(Json)!,
        string s => JsonSerializer.Deserialize<T>(s, Json)!,
        var other => JsonSerializer.SerializeToElement(other, Json).Deserialize<T>(Json)!,
    };

    private static string Money(decimal amount, string currency) => $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";

    private static string Products(ProductsResult result, string found, string none)
    {
        if (result.Problem is not null)
        {
            return $"I can't search for that: {result.Problem}";
        }
        if (result.Products.Count == 0)
        {
            return $"{none} \"{result.Query}\". Try other words, or ask me for suggestions.";
        }
        var lines = result.Products.Select((p, i) => $"{i + 1}. {p.Name} — {Money(p.Price, p.Currency)}{Stock(p)}");
        var intro = result.Query is { Length: > 0 } q && found.StartsWith("Here", StringComparison.Ordinal) ? $"{found} for \"{q}\":" : $"{found}:";
        return $"{intro}\n{string.Join("\n", lines)}\nShall I add one to your cart? Say for example \"add the first one\".";
    }

    private static string Stock(ProductCard p) => p.Available > 0 ? $" ({p.Available} in stock)" : " (out of stock)";

    private static string Details(ProductResult result) => result.Product is not { } p
        ? result.Problem ?? "I couldn't find that product."
        : $"{p.Name}: {p.Description} It costs {Money(p.Price, p.Currency)}{Stock(p)}" + (p.Rating is { } r ? $", rated {r:0.0}/5 by {p.ReviewCount} customers." : ".");

    private static string Cart(CartResult result)
    {
        if (result.Cart is not { } cart || cart.Items.Count == 0)
        {
            return "Your cart is empty. Tell me what you're looking for and I'll find it.";
        }
        var lines = cart.Items.Select(l => $"- {l.Quantity} × {l.Name} — {Money(l.LineTotal, cart.Currency)}");
        return $"Your cart holds {cart.ItemCount} item(s):\n{string.Join("\n", lines)}\nSubtotal: {Money(cart.Subtotal, cart.Currency)}.";
    }

    private static string Added(CartResult result) => result.Problem is not null || result.Cart is not { } cart
        ? $"I couldn't add that to your cart: {result.Problem}"
        : $"Added {result.Quantity} × {result.Added} to your cart. It now holds {cart.ItemCount} item(s), subtotal {Money(cart.Subtotal, cart.Currency)}.";

    private static string Orders(OrdersResult result, AssistantSession session)
    {
        var cancelling = session.Intent == "cancel_order";
        var orders = cancelling ? result.Orders.Where(o => o.CanBeCancelled).ToList() : result.Orders.ToList();
        if (result.Orders.Count == 0)
        {
            return "You have no orders yet.";
        }
        if (orders.Count == 0)
        {
            return "None of your recent orders can still be cancelled: they have all shipped, been delivered or been cancelled. Shipped items can be returned free of charge within 30 days.";
        }
        if (orders.Count == 1 && !cancelling)
        {
            return StatusLine(orders[0]);
        }
        session.State = session.State with { Awaiting = "order-number", AwaitingIntent = cancelling ? "cancel_order" : "track_order" };
        var lines = orders.Select(o => $"- {o.Number}: {o.Status}, {Money(o.Total, o.Currency)}, placed {o.PlacedAt:d MMM yyyy}");
        return (cancelling ? "Which order would you like to cancel? These can still be cancelled:" : "Which order do you mean? Your recent orders:")
            + $"\n{string.Join("\n", lines)}\nTell me its number, for example {orders[0].Number}.";
    }

    private static string Status(OrderResult result) => result.Order is { } order
        ? StatusLine(order) + (result.Items.Count > 0 ? $" It holds {string.Join(", ", result.Items)}." : "")
        : $"{result.Problem} Say \"show my orders\" to see your order numbers.";

    private static string StatusLine(OrderBrief o) => o.Status switch
    {
        "Placed" => $"Order {o.Number} ({Money(o.Total, o.Currency)}) is placed and we are taking the payment.",
        "Confirmed" => $"Order {o.Number} ({Money(o.Total, o.Currency)}) is confirmed: the payment is approved and we are packing it.",
        "Shipped" => $"Order {o.Number} has shipped" + (o.Carrier is null ? "" : $" with {o.Carrier}") + (o.TrackingNumber is null ? "." : $", tracking number {o.TrackingNumber}."),
        "Delivered" => $"Order {o.Number} has been delivered.",
        "Cancelled" => $"Order {o.Number} is cancelled; nothing will be sent and nothing is charged.",
        "PaymentFailed" => $"The payment for order {o.Number} failed, so nothing will be sent and nothing is charged. You can place the order again.",
        _ => $"Order {o.Number} is {o.Status}.",
    };

    private static string Proposed(CancellationResult result) => result.Status switch
    {
        "needs-confirmation" => $"Order {result.OrderNumber} is {result.OrderStatus} and can still be cancelled, free of charge. Shall I cancel it? Reply \"yes\" to confirm or \"no\" to keep it.",
        _ => result.Message + (result.Status == "refused" && result.OrderStatus is "Shipped" or "Delivered" ? " You can return it free of charge within 30 days instead." : ""),
    };

    private static string Confirmed(CancellationResult result) => result.Status == "done"
        ? $"Done: order {result.OrderNumber} is cancelled. The payment is released and you'll get an e-mail confirming it."
        : result.Message;

    private static string Policy(PolicyResult result) => result.Problem is not null
        ? $"I can't look that up: {result.Problem}"
        : $"{result.Text} (From our {result.PageTitle} page: \"{result.Section}\".)";

    private static string HandOver(HandOverResult result) => result.TicketNumber is null
        ? $"I couldn't open a support ticket: {result.Problem}"
        : $"I've passed this to our support team: ticket {result.TicketNumber} holds our conversation, and a person will reply by e-mail within one working day.";
}
