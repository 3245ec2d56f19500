using CloudMart.Modules.Assistant.Chat;
using CloudMart.Modules.Assistant.Tools;
using CloudMart.Platform.Security;
using CloudMart.Web.Shared;

namespace CloudMart.Web.Assistant;

/// <summary>What the chat widget shows after sending a message: the assistant's reply, or a kind word about why there is none.</summary>
internal sealed record ChatOutcome(ChatExchange? Reply, string? Problem, bool StartOver = false);

/// <summary>One answered message as the widget shows it.</summary>
internal sealed record ChatExchange(Guid ConversationId, string Text, IReadOnlyList<ChatProduct> Products, IReadOnlyList<string> Notes);

/// <summary>A product the assistant showed: a small card linking to its page.</summary>
internal sealed record ChatProduct(Guid Id, string Slug, string Name, string Price);

/// <summary>
/// The storefront side of the assistant: runs a turn through the assistant's own <see cref="AssistantTurns"/> (the
/// rules, tools and guardrails of POST /api/assistant/chat) as the circuit's signed-in user, within the same per-user
/// allowance as the API, and turns every failure into a sentence a shopper understands. Nothing from an exception
/// reaches the page.
/// </summary>
internal sealed partial class ChatDesk(IServiceScopeFactory scopes, AssistantMessageLimiter limiter, ILogger<ChatDesk> logger)
{
    public const int MaxMessageLength = AssistantTurns.MaxMessageLength;

    public async Task<ChatOutcome> SendAsync(ClaimsPrincipal user, Guid? conversationId, string? message, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return new ChatOutcome(null, "Please sign in to chat with our assistant.");
        }
        // The API's own check of the message, so the widget accepts exactly what the API accepts.
        var validation = new Validation();
        var text = validation.Text(message, "message", AssistantTurns.MaxMessageLength, multiline: true);
        if (!validation.IsValid)
        {
            return new ChatOutcome(null, string.IsNullOrWhiteSpace(message)
                ? "Type a message first."
                : $"I can only read plain text of up to {AssistantTurns.MaxMessageLength} characters. Could you say it another way?");
        }
        using var lease = limiter.Take(AssistantMessageLimiter.KeyOf(user, null));
        if (!lease.IsAcquired)
        {
            return new ChatOutcome(null, "You're sending messages faster than I can answer. Please wait a minute, then try again.");
        }
        // A scope per turn: the circuit lives long, a DbContext and the assistant's per-turn session must not.
        await using var scope = scopes.CreateAsyncScope();
        var turns = scope.ServiceProvider.GetRequiredService<AssistantTurns>();
        try
        {
            var turn = await turns.PrepareAsync(user, conversationId, text, cancellationToken);
            if (turn is null)
            {
                return new ChatOutcome(null, "That conversation is no longer available. Send your message again to start a new one.", StartOver: true);
            }
            var reply = await turns.RunAsync(turn, cancellationToken);
            return new ChatOutcome(Show(reply), null);
        }
        catch (ConversationMovedException)
        {
            return new ChatOutcome(null, "Another message in this conversation was answered at the same time. Please send yours again.");
        }
        catch (HttpRequestException)
        {
            return new ChatOutcome(null, "The assistant can't be reached right now. Please try again in a moment.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e.GetType().Name);
            return new ChatOutcome(null, "Sorry, something went wrong on our side. Please try again in a moment.");
        }
    }

    private static ChatExchange Show(ChatReply reply) => new(
        reply.ConversationId,
        reply.Reply,
        reply.Products.Select(p => new ChatProduct(p.Id, p.Slug, p.Name, Money.Format(p.Price, p.Currency))).ToList(),
        reply.Actions.Select(ChatNotes.Of).Append(reply.Notice).OfType<string>().Distinct(StringComparer.Ordinal).ToList()); // the notice: the built-in assistant stood in for the cloud model

    // The exception's type only: its message could quote what the shopper wrote.
    [LoggerMessage(Level = LogLevel.Error, Message = "A chat widget turn failed with {ExceptionType}")]
    private partial void LogFailed(string exceptionType);
}

/// <summary>What the assistant did or proposes, as a short note under its reply.</summary>
internal static class ChatNotes
{
    public static string? Of(AssistantAction action) => (action.Type, action.Status) switch
    {
        ("cancel-order", "done") => $"Order {action.OrderNumber} cancelled",
        ("cancel-order", "needs-confirmation") => $"Waiting for your yes to cancel order {action.OrderNumber}",
        ("cancel-order", "refused") => $"Order {action.OrderNumber} was not cancelled",
        ("add-to-cart", "done") => action.Quantity is > 1 ? $"{action.Quantity} added to your cart" : "Added to your cart",
        ("add-to-cart", "refused") => "Not added to your cart",
        ("hand-over", "done") => $"Support ticket {action.TicketNumber} opened",
        _ => null,
    };
}
