using CloudMart.Platform.AI.Chat;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Assistant.Chat;

/// <summary>POST /api/assistant/chat and /chat/stream: one turn of a conversation with the assistant, as JSON or as server-sent events.</summary>
internal static class ChatEndpoints
{
    public static void Map(RouteGroupBuilder assistant)
    {
        assistant.MapPost("/chat", ChatAsync)
            .WithName("ChatWithAssistant")
            .WithSummary("Send a message; the reply comes with what the assistant did or proposes (actions) and the products it showed.")
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.Assistant);
        assistant.MapPost("/chat/stream", StreamAsync)
            .WithName("ChatWithAssistantStreaming")
            .WithSummary("Like /chat, as server-sent events: start {conversationId}, delta {text}…, then done with the full reply (or error).")
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.Assistant);
    }

    internal static async Task<Results<Ok<ChatReply>, ValidationProblem, ProblemHttpResult>> ChatAsync(
        ChatInput input, ClaimsPrincipal user, AssistantTurns turns, CancellationToken cancellationToken)
    {
        var (message, invalid) = Validate(input);
        if (invalid is not null)
        {
            return invalid;
        }
        var turn = await turns.PrepareAsync(user, input.ConversationId, message, cancellationToken);
        if (turn is null)
        {
            return NoSuchConversation();
        }
        try
        {
            return TypedResults.Ok(await turns.RunAsync(turn, cancellationToken));
        }
        catch (ConversationMovedException)
        {
            return Moved();
        }
        catch (HttpRequestException)
        {
            return ModelUnavailable();
        }
    }

    internal static async Task<Results<ServerSentEventsResult<object>, ValidationProblem, ProblemHttpResult>> StreamAsync(
        ChatInput input, ClaimsPrincipal user, AssistantTurns turns, CancellationToken cancellationToken)
    {
        var (message, invalid) = Validate(input);
        if (invalid is not null)
        {
            return invalid;
        }
        var turn = await turns.PrepareAsync(user, input.ConversationId, message, cancellationToken);
        return turn is null ? NoSuchConversation() : TypedResults.ServerSentEvents(EventsAsync(turn, turns, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<object>> EventsAsync(PreparedTurn turn, AssistantTurns turns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<object>(new { conversationId = turn.Conversation.Id }, "start");
        var text = new StringBuilder();
        string? notice = null;
        await foreach (var update in turns.Client().GetStreamingResponseAsync(turn.Messages, turns.Options(), cancellationToken))
        {
            notice ??= ChatFallback.NoticeOf(update.AdditionalProperties);
            if (!string.IsNullOrEmpty(update.Text))
            {
                text.Append(update.Text);
                yield return new SseItem<object>(new { text = update.Text }, "delta");
            }
        }
        ChatReply? reply = null;
        try
        {
            reply = await turns.SaveAsync(turn, text.ToString(), notice, cancellationToken);
        }
        catch (ConversationMovedException)
        {
        }
        yield return reply is null
            ? new SseItem<object>(new { title = "Conflict", detail = MovedDetail }, "error")
            : new SseItem<object>(reply, "done");
    }

    private static (string Message, ValidationProblem? Problem) Validate(ChatInput? input)
    {
        var validation = new Validation();
        var message = validation.Text(input?.Message, "message", AssistantTurns.MaxMessageLength, multiline: true);
        return (message, validation.IsValid ? null : validation.Problem());
    }

    private const string MovedDetail = "Another message of this conversation was answered at the same time. Read the conversation and send again.";

    private static ProblemHttpResult NoSuchConversation() => ProblemTypes.NotFoundProblem("There is no such conversation.");

    private static ProblemHttpResult Moved() => ProblemTypes.ConflictProblem(MovedDetail);

    private static ProblemHttpResult ModelUnavailable() => TypedResults.Problem(
        "The assistant's language model cannot be reached. Try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Assistant unavailable");
}
