using System.Text;
using CloudMart.Modules.Assistant.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Assistant.Support;

/// <summary>Opens support tickets (hand-overs to a person) with the conversation's transcript.</summary>
internal sealed partial class SupportDesk(AssistantDbContext db, UnitOfWork unitOfWork, TimeProvider clock, ILogger<SupportDesk> logger)
{
    public const int MaxTranscriptLength = 20_000;

    public async Task<SupportTicket> OpenAsync(
        Guid customerId, Guid? conversationId, string reason, IReadOnlyList<(string Role, string Text)> transcript, CancellationToken cancellationToken)
    {
        // Ticket numbers are the next in sequence; two hand-overs at once may pick the same one, and the unique index
        // sends the loser round again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var ticket = await unitOfWork.ExecuteAsync(async ct =>
                {
                    var sequence = (await db.Tickets.MaxAsync(t => (long?)t.Sequence, ct) ?? 0) + 1;
                    var opened = new SupportTicket
                    {
                        Id = Guid.CreateVersion7(),
                        Sequence = sequence,
                        Number = SupportTicket.FormatNumber(sequence),
                        CustomerId = customerId,
                        ConversationId = conversationId,
                        Reason = reason.Length > 500 ? reason[..500] : reason,
                        Transcript = Transcript(transcript),
                        CreatedAt = clock.GetUtcNow().UtcDateTime,
                    };
                    db.Tickets.Add(opened);
                    return opened;
                }, cancellationToken);
                LogOpened(ticket.Number, conversationId);
                return ticket;
            }
            catch (DbUpdateException e) when (attempt < 5 && DatabaseErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>"customer: …" / "assistant: …" lines, the newest kept when the conversation is very long.</summary>
    private static string Transcript(IReadOnlyList<(string Role, string Text)> transcript)
    {
        var text = new StringBuilder();
        foreach (var (role, line) in transcript)
        {
            text.Append(role == "user" ? "customer" : role).Append(": ").Append(line.ReplaceLineEndings(" ")).Append('\n');
        }
        return text.Length <= MaxTranscriptLength ? text.ToString() : "…" + text.ToString()[^(MaxTranscriptLength - 1)..];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Support ticket {TicketNumber} opened from conversation {ConversationId}")]
    private partial void LogOpened(string ticketNumber, Guid? conversationId);
}
