using Microsoft.EntityFrameworkCore;

namespace CloudMart.Platform.Messaging.DeadLetters;

internal sealed record DeadLetterView(Guid Id, Guid EventId, string Type, string Handler, string StreamId, string Error, int Attempts, DateTime FailedAt, DateTime? ReplayedAt)
{
    public static DeadLetterView From(DeadLetter d) => new(d.Id, d.EventId, d.Type, d.Handler, d.StreamId, d.Error, d.Attempts, d.FailedAt, d.ReplayedAt);
}

internal enum ReplayOutcome
{
    Replayed,
    NotFound,
    AlreadyReplayed,
    StillFailing,
}

/// <summary>Lists dead letters and runs a dead letter's handler once more (for the admin API and the CLI alike).</summary>
internal sealed class DeadLetterReplay(MessagingDbContext db, EventDispatcher dispatcher, EventSubscriptions subscriptions, UnitOfWork unitOfWork, TimeProvider clock)
{
    public async Task<(List<DeadLetterView> Items, int Total)> ListAsync(bool includeReplayed, int skip, int take, CancellationToken cancellationToken)
    {
        var letters = db.DeadLetters.AsNoTracking().Where(d => includeReplayed || d.ReplayedAt == null);
        var total = await letters.CountAsync(cancellationToken);
        var items = await letters.OrderByDescending(d => d.FailedAt).ThenBy(d => d.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (items.Select(DeadLetterView.From).ToList(), total);
    }

    public async Task<(ReplayOutcome Outcome, DeadLetterView? Letter, string? Error)> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        var letter = await db.DeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (letter is null)
        {
            return (ReplayOutcome.NotFound, null, null);
        }
        if (letter.ReplayedAt is not null)
        {
            return (ReplayOutcome.AlreadyReplayed, DeadLetterView.From(letter), null);
        }
        var subscription = subscriptions.Named(letter.Handler);
        var (error, committed) = subscription is null
            ? ($"No handler named {letter.Handler} exists any more.", false)
            : await dispatcher.RunAsync(subscription, letter.EventId, subscriptions.Read(letter.Type, letter.Payload), cancellationToken);
        if (error is not null)
        {
            return (ReplayOutcome.StillFailing, DeadLetterView.From(letter), error);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await unitOfWork.ExecuteAsync(async ct =>
        {
            await db.DeadLetters.Where(d => d.Id == id).ExecuteUpdateAsync(set => set.SetProperty(d => d.ReplayedAt, now), ct);
            if (!committed && !await db.Inbox.AnyAsync(i => i.EventId == letter.EventId && i.Handler == letter.Handler, ct))
            {
                db.Inbox.Add(new InboxRecord { EventId = letter.EventId, Handler = letter.Handler, ProcessedAt = now });
            }
        }, cancellationToken);
        letter.ReplayedAt = now;
        return (ReplayOutcome.Replayed, DeadLetterView.From(letter), null);
    }
}
