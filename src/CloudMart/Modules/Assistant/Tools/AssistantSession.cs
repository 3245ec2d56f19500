using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Assistant.Tools;

/// <summary>What the assistant is waiting for between turns; kept with the conversation.</summary>
internal sealed record ConversationState
{
    /// <summary>A detail the assistant asked for (<c>order-number</c>, <c>product</c>), for the intent in <see cref="AwaitingIntent"/>.</summary>
    public string? Awaiting { get; init; }

    public string? AwaitingIntent { get; init; }

    /// <summary>An order whose cancellation was proposed and awaits the customer's yes, and the turn it was proposed in.</summary>
    public string? PendingCancellation { get; init; }

    public int PendingCancellationTurn { get; init; }

    /// <summary>The order the conversation last talked about, so "cancel it" means something.</summary>
    public string? LastOrder { get; init; }

    /// <summary>Products shown in the last reply, so "add the second one" means something.</summary>
    public IReadOnlyList<Guid> LastProducts { get; init; } = [];
}

/// <summary>Something the assistant did or proposes, shown to the client beside the reply.</summary>
internal sealed record AssistantAction(
    string Type, string Status, string? OrderNumber = null, Guid? ProductId = null, string? Sku = null, int? Quantity = null, string? TicketNumber = null);

/// <summary>
/// One request's assistant context: who the tools act for (only ever the signed-in user of the request), the
/// conversation's state, and the actions and products gathered while the tools ran. Scoped: one per request.
/// </summary>
internal sealed class AssistantSession(IHttpContextAccessor http)
{
    private Guid? _customerId;

    /// <summary>The customer the tools act for: set by the chat endpoint, otherwise the request's signed-in user.</summary>
    public Guid CustomerId => _customerId
        ?? (http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user.Id() : throw new InvalidOperationException("The assistant's tools need a signed-in user."));

    public Guid? ConversationId { get; private set; }

    /// <summary>The turn being answered, counted from 1 within the conversation.</summary>
    public int Turn { get; private set; }

    public ConversationState State { get; set; } = new();

    /// <summary>The conversation so far, oldest first (role, text), for a hand-over's transcript.</summary>
    public IReadOnlyList<(string Role, string Text)> Transcript { get; private set; } = [];

    public List<AssistantAction> Actions { get; } = [];

    public List<ProductCard> Products { get; } = [];

    /// <summary>Tool names in the order they ran: logged and counted, never their arguments.</summary>
    public List<string> ToolsRun { get; } = [];

    /// <summary>The intent the offline engine recognised for this turn (null for model providers).</summary>
    public string? Intent { get; set; }

    public void Begin(ClaimsPrincipal user, Guid? conversationId, int turn, ConversationState state, IReadOnlyList<(string Role, string Text)> transcript)
    {
        _customerId = user.Id();
        ConversationId = conversationId;
        Turn = turn;
        State = state;
        Transcript = transcript;
    }

    public void ShowProducts(IEnumerable<ProductCard> products)
    {
        foreach (var product in products)
        {
            if (Products.All(p => p.Id != product.Id))
            {
                Products.Add(product);
            }
        }
        State = State with { LastProducts = Products.Select(p => p.Id).ToList() };
    }
}
