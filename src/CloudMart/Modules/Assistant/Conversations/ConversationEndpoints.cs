using System.Text.Json;
using CloudMart.Modules.Assistant.Data;
using CloudMart.Modules.Assistant.Tools;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Assistant.Conversations;

internal sealed record ConversationSummary(Guid Id, string Title, int Turns, DateTime CreatedAt, DateTime UpdatedAt);

internal sealed record ConversationMessageView(string Role, string Text, string? Intent, IReadOnlyList<AssistantAction> Actions, IReadOnlyList<ProductCard> Products, DateTime CreatedAt);

internal sealed record ConversationView(Guid Id, string Title, int Turns, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<ConversationMessageView> Messages);

/// <summary>GET /api/assistant/conversations and /{id}: a customer's own conversations, and nobody else's.</summary>
internal static class ConversationEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder assistant)
    {
        assistant.MapGet("/conversations", ListAsync)
            .WithName("ListConversations")
            .WithSummary("Your conversations with the assistant, most recent first.")
            .RequireAuthorization(Policies.SignedIn);
        assistant.MapGet("/conversations/{id:guid}", GetAsync)
            .WithName("GetConversation")
            .WithSummary("One of your conversations with every message; 404 unless it is yours.")
            .RequireAuthorization(Policies.SignedIn);
    }

    internal static async Task<Results<Ok<PagedList<ConversationSummary>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, ClaimsPrincipal user, AssistantDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var customerId = user.Id();
        var mine = db.Conversations.AsNoTracking().Where(c => c.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var items = await mine.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(c => new ConversationSummary(c.Id, c.Title, c.Turns, c.CreatedAt, c.UpdatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<ConversationSummary>(items, paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, AssistantDbContext db, CancellationToken cancellationToken)
    {
        var customerId = user.Id();
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.CustomerId == customerId, cancellationToken);
        if (conversation is null)
        {
            return ProblemTypes.NotFoundProblem("There is no such conversation.");
        }
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == id).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ConversationView(conversation.Id, conversation.Title, conversation.Turns, conversation.CreatedAt, conversation.UpdatedAt,
            messages.Select(m => new ConversationMessageView(
                m.Role, m.Text, m.Intent,
                m.Actions is null ? [] : JsonSerializer.Deserialize<List<AssistantAction>>(m.Actions, Json) ?? [],
                m.Products is null ? [] : JsonSerializer.Deserialize<List<ProductCard>>(m.Products, Json) ?? [],
                m.CreatedAt)).ToList()));
    }
}
