using System.Runtime.CompilerServices;
using CloudMart.Modules.Assistant.Intents;
using CloudMart.Modules.Assistant.Tools;
using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Assistant.Offline;

/// <summary>
/// The built-in assistant, with no language model: an <see cref="IChatClient"/> that recognises the customer's intent
/// from embeddings, reads the details it needs (order numbers, products, quantities, yes or no), asks for what is
/// missing, and acts by emitting function calls for the shop's tools. The tools run through the same function
/// invocation as for any model; when their results come back, it writes the reply from them. State between turns
/// (what it asked for, a cancellation awaiting a yes) lives in the conversation, through <see cref="AssistantSession"/>.
/// </summary>
internal sealed class OfflineAssistant(IntentClassifier classifier, AssistantSession session) : IChatClient
{
    public const string ModelId = "cloudmart-offline";

    /// <summary>Below this score a plain request for products wins over the recognised intent.</summary>
    private const double ProductCueOverrides = 0.55;
    private static readonly ChatClientMetadata Metadata = new("CloudMart offline assistant", null, ModelId);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? messages.ToList();
        var last = history.Count > 0 ? history[^1] : new ChatMessage(ChatRole.User, "");
        var reply = last.Role == ChatRole.Tool
            ? Replies.FromToolResults(ToolResultsOfThisTurn(history), session)
            : await PlanAsync(last.Text, cancellationToken);
        return new ChatResponse(reply) { ModelId = ModelId, FinishReason = reply.Contents.OfType<FunctionCallContent>().Any() ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        var message = response.Messages[0];
        if (message.Contents.OfType<FunctionCallContent>().Any())
        {
            foreach (var update in response.ToChatResponseUpdates())
            {
                yield return update;
            }
            yield break;
        }
        // Word by word, as a model would stream, so clients render the reply the same way whichever provider runs.
        var id = Guid.NewGuid().ToString("N");
        foreach (var piece in Pieces(message.Text))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { MessageId = id, ResponseId = id, ModelId = ModelId };
        }
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, MessageId = id, ResponseId = id, ModelId = ModelId, FinishReason = ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private async Task<ChatMessage> PlanAsync(string text, CancellationToken cancellationToken)
    {
        var state = session.State;
        // A cancellation proposed last turn: this message is the customer's answer to it, unless it plainly is not.
        if (state.PendingCancellation is { } pending)
        {
            if (MessageDetails.IsNo(text))
            {
                session.Intent = "cancel_order";
                session.State = state with { PendingCancellation = null, PendingCancellationTurn = 0, Awaiting = null, AwaitingIntent = null };
                return Say($"All right, I won't cancel it: order {pending} stays as it is. Anything else I can do for you?");
            }
            if (MessageDetails.IsYes(text))
            {
                session.Intent = "cancel_order";
                return Call(ToolNames.ConfirmCancelOrder, ("orderNumber", pending));
            }
            session.State = state = state with { PendingCancellation = null, PendingCancellationTurn = 0 };
        }

        var match = await classifier.ClassifyAsync(text, cancellationToken);
        var intent = match.Intent;
        var understood = match.IsConfident;
        var orderNumber = OrderNumbers.Find(text);
        if (state.Awaiting == "order-number" && state.AwaitingIntent is { } waitingFor)
        {
            orderNumber ??= OrderNumbers.Normalise(text);
            if (orderNumber is not null && (!match.IsConfident || IsAboutOrders(intent)))
            {
                (intent, understood) = (waitingFor, true);
            }
        }
        else if (state.Awaiting == "product" && state.AwaitingIntent is { } wantsProduct && (!match.IsConfident || intent is "search_products" or "add_to_cart"))
        {
            (intent, understood) = (wantsProduct, true);
        }
        else if (orderNumber is not null && !match.IsConfident)
        {
            (intent, understood) = ("track_order", true);
        }
        // Product names are endless and unlike any example, so "I'm looking for a walnut board" can score low or
        // near "place_order". Asking for products in so many words, and naming one, decides it.
        if (match.Score < ProductCueOverrides && intent is not ("add_to_cart" or "recommend_products" or "view_cart")
            && MessageDetails.AsksForProducts(text) && MessageDetails.ProductTerms(text).Length > 0)
        {
            (intent, understood) = ("search_products", true);
        }
        // "Cancel it", "and when will it arrive?": the order the conversation is about.
        if (orderNumber is null && understood && IsAboutOrders(intent) && state.LastOrder is { } last && MessageDetails.RefersBack(text))
        {
            orderNumber = last;
        }
        session.State = session.State with { Awaiting = null, AwaitingIntent = null };
        if (!understood)
        {
            session.Intent = "unknown";
            return Say(OrderNumbers.HasForeignNumber(text)
                ? "That number does not look like a CloudMart order number; ours look like CM-000123. What would you like to do with your order?"
                : "I'm not sure I understood. I can find products and add them to your cart, track or cancel your orders, explain returns, refunds, delivery and payment, or hand you over to a person. What would you like?");
        }
        session.Intent = intent;
        return Act(intent, text, orderNumber);
    }

    private ChatMessage Act(string intent, string text, string? orderNumber)
    {
        switch (intent)
        {
            case "greeting":
                return Say("Hello! I'm the CloudMart assistant. I can find products, add them to your cart, track or cancel an order, and answer questions about returns, refunds, delivery and payment. How can I help?");
            case "goodbye":
                return Say("You're welcome! If anything else comes up, just ask. Goodbye for now.");
            case "track_order":
                return orderNumber is null ? Call(ToolNames.ListMyOrders, ("maxResults", 5)) : Call(ToolNames.OrderStatus, ("orderNumber", orderNumber));
            case "cancel_order":
                return orderNumber is null ? Call(ToolNames.ListMyOrders, ("maxResults", 5)) : Call(ToolNames.CancelOrder, ("orderNumber", orderNumber));
            case "get_refund" or "track_refund":
                return orderNumber is null
                    ? Policy(text, "refunds")
                    : Calls(Function(ToolNames.OrderStatus, ("orderNumber", orderNumber)), Function(ToolNames.LookupPolicy, ("question", text), ("topic", "refunds")));
            case "check_invoice" or "get_invoice":
                return orderNumber is null
                    ? Policy(text, "payment")
                    : Calls(Function(ToolNames.OrderStatus, ("orderNumber", orderNumber)), Function(ToolNames.LookupPolicy, ("question", text), ("topic", "payment")));
            case "check_refund_policy":
                return Policy(text, text.Contains("refund", StringComparison.OrdinalIgnoreCase) || text.Contains("money", StringComparison.OrdinalIgnoreCase) || text.Contains("reimburs", StringComparison.OrdinalIgnoreCase) ? "refunds" : "returns");
            case "check_cancellation_fee":
                return Policy(text, "refunds");
            case "change_order" or "place_order":
                return Policy(text, "orders");
            case "change_shipping_address" or "set_up_shipping_address" or "delivery_options" or "delivery_period":
                return Policy(text, "delivery");
            case "check_payment_methods" or "payment_issue":
                return Policy(text, "payment");
            case "create_account" or "delete_account" or "edit_account" or "switch_account" or "recover_password" or "registration_problems" or "newsletter_subscription":
                return Policy(text, "account");
            case "contact_customer_service" or "review":
                return Policy(text, "contact");
            case "complaint":
                return Call(ToolNames.HandOver, ("reason", "Complaint raised with the assistant"));
            case "contact_human_agent":
                return Call(ToolNames.HandOver, ("reason", "The customer asked for a person"));
            case "view_cart":
                return Call(ToolNames.ShowCart);
            case "recommend_products":
            {
                var basedOn = MessageDetails.ProductTerms(text);
                return basedOn.Length == 0 ? Call(ToolNames.RecommendProducts, ("maxResults", 5)) : Call(ToolNames.RecommendProducts, ("basedOn", basedOn), ("maxResults", 5));
            }
            case "add_to_cart":
                return AddToCart(text);
            default: // search_products
            {
                var terms = MessageDetails.ProductTerms(text);
                if (terms.Length == 0)
                {
                    return Ask("product", "search_products", "What are you looking for? Tell me a kind of product, a colour or a material.");
                }
                return Call(ToolNames.SearchProducts, ("query", terms), ("maxResults", 5));
            }
        }
    }

    private ChatMessage AddToCart(string text)
    {
        var quantity = Math.Clamp(MessageDetails.Quantity(text), 1, ShopTools.MaxQuantity);
        var terms = MessageDetails.ProductTerms(text);
        var shown = session.State.LastProducts;
        if (MessageDetails.Ordinal(text) is { } position && shown.Count > 0)
        {
            var index = position < 0 ? shown.Count - 1 : position;
            if (index < shown.Count)
            {
                return Call(ToolNames.AddToCart, ("product", shown[index].ToString()), ("quantity", quantity));
            }
        }
        if (terms.Length > 0)
        {
            return Call(ToolNames.AddToCart, ("product", terms), ("quantity", quantity));
        }
        if (shown.Count == 1)
        {
            return Call(ToolNames.AddToCart, ("product", shown[0].ToString()), ("quantity", quantity));
        }
        return Ask("product", "add_to_cart", shown.Count > 1
            ? "Which one shall I add? Say for example \"the first one\", or give me the product's name."
            : "Which product shall I add to your cart?");
    }

    private ChatMessage Ask(string what, string forIntent, string question)
    {
        session.State = session.State with { Awaiting = what, AwaitingIntent = forIntent };
        return Say(question);
    }

    private static ChatMessage Policy(string question, string topic) =>
        Call(ToolNames.LookupPolicy, ("question", question), ("topic", topic));

    private static ChatMessage Say(string text) => new(ChatRole.Assistant, text);

    private static ChatMessage Call(string tool, params (string Name, object? Value)[] arguments) => Calls(Function(tool, arguments));

    private static ChatMessage Calls(params FunctionCallContent[] calls) => new(ChatRole.Assistant, [.. calls]);

    private static FunctionCallContent Function(string tool, params (string Name, object? Value)[] arguments) =>
        new($"call_{Guid.NewGuid():N}", tool, arguments.ToDictionary(a => a.Name, a => a.Value));

    private static bool IsAboutOrders(string intent) =>
        intent is "track_order" or "cancel_order" or "get_refund" or "track_refund" or "check_invoice" or "get_invoice" or "change_order" or "delivery_period";

    /// <summary>The calls this turn made and what they returned, in call order.</summary>
    private static IReadOnlyList<(FunctionCallContent Call, FunctionResultContent? Result)> ToolResultsOfThisTurn(IList<ChatMessage> history)
    {
        var results = new Dictionary<string, FunctionResultContent>(StringComparer.Ordinal);
        var calls = new List<FunctionCallContent>();
        for (var i = history.Count - 1; i >= 0 && history[i].Role != ChatRole.User; i--)
        {
            foreach (var result in history[i].Contents.OfType<FunctionResultContent>())
            {
                results[result.CallId] = result;
            }
            calls.InsertRange(0, history[i].Contents.OfType<FunctionCallContent>());
        }
        return calls.Select(c => (c, results.GetValueOrDefault(c.CallId))).ToList();
    }

    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && i - start >= 12)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
