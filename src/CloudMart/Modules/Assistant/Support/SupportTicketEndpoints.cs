using CloudMart.Modules.Assistant.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Assistant.Support;

internal sealed record SupportTicketView(Guid Id, string Number, Guid CustomerId, Guid? ConversationId, string Reason, string Status, string Transcript, DateTime CreatedAt);

/// <summary>
/// GET /api/support/tickets (support, admin): every hand-over; /mine: the caller's own; /{id}: one ticket for its
/// customer or staff. Tickets are opened only by the assistant's hand-over tool, never by a POST.
/// </summary>
internal static class SupportTicketEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/support/tickets").WithTags("Support");
        tickets.MapGet("/", ListAsync)
            .WithName("ListSupportTickets")
            .WithSummary("Every support ticket, newest first, optionally only those of one customer.")
            .RequireAuthorization(Policies.Staff);
        tickets.MapGet("/mine", MineAsync)
            .WithName("ListMySupportTickets")
            .WithSummary("Your own support tickets, newest first.")
            .RequireAuthorization(Policies.SignedIn);
        tickets.MapGet("/{id:guid}", GetAsync)
            .WithName("GetSupportTicket")
            .WithSummary("One ticket with its transcript; 404 unless it is yours (or you are staff).")
            .RequireAuthorization(Policies.SignedIn);
    }

    internal static async Task<Results<Ok<PagedList<SupportTicketView>>, ValidationProblem>> ListAsync(
        Guid? customerId, int? page, int? pageSize, AssistantDbContext db, CancellationToken cancellationToken)
    {
        var tickets = db.Tickets.AsNoTracking();
        if (customerId is { } wanted)
        {
            tickets = tickets.Where(t => t.CustomerId == wanted);
        }
        return await PageAsync(tickets, page, pageSize, cancellationToken);
    }

    internal static async Task<Results<Ok<PagedList<SupportTicketView>>, ValidationProblem>> MineAsync(
        int? page, int? pageSize, ClaimsPrincipal user, AssistantDbContext db, CancellationToken cancellationToken)
    {
        var own = user.Id();
        return await PageAsync(db.Tickets.AsNoTracking().Where(t => t.CustomerId == own), page, pageSize, cancellationToken);
    }

    internal static async Task<Results<Ok<SupportTicketView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, AssistantDbContext db, CancellationToken cancellationToken)
    {
        var tickets = db.Tickets.AsNoTracking();
        if (!user.IsStaff())
        {
            var own = user.Id();
            tickets = tickets.Where(t => t.CustomerId == own);
        }
        var ticket = await tickets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return ticket is null ? ProblemTypes.NotFoundProblem("There is no such support ticket.") : TypedResults.Ok(View(ticket));
    }

    private static async Task<Results<Ok<PagedList<SupportTicketView>>, ValidationProblem>> PageAsync(
        IQueryable<SupportTicket> tickets, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var total = await tickets.CountAsync(cancellationToken);
        var items = await tickets.OrderByDescending(t => t.Sequence).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<SupportTicketView>(items.Select(View).ToList(), paging.Page, paging.PageSize, total));
    }

    private static SupportTicketView View(SupportTicket t) =>
        new(t.Id, t.Number, t.CustomerId, t.ConversationId, t.Reason, t.Status, t.Transcript, t.CreatedAt);
}
