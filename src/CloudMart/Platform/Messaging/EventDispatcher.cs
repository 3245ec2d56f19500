using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CloudMart.Platform.Observability;

namespace CloudMart.Platform.Messaging;

/// <summary>
/// Hands a batch of outbox events to their handlers, and settles the batch in one transaction.
/// A handler with database effects commits them with its inbox record itself (<see cref="HandlerContext.CommitAsync"/>),
/// so they happen exactly once. A handler with only outside effects (a file, an e-mail, a broker message) is made
/// idempotent by its own key, and its inbox record is written when the batch settles. Handlers already in the inbox
/// are skipped, so a failing handler is retried alone. After the last attempt, the handlers still failing go to
/// the dead letters. Handlers that take batches (<see cref="IBatchEventHandler{TEvent}"/>) get their events of the
/// batch at once first: one scope and one transaction for many events instead of one each.
/// </summary>
/// <summary>One event of a batch: read once, and what its handlers did.</summary>
internal sealed record Delivery(OutboxMessage Message, object? Payload, string? Unreadable)
{
    public List<(string Handler, string Error)> Failures { get; } = [];

    /// <summary>Inbox records for handlers done without a database effect, written when the batch settles.</summary>
    public List<InboxRecord> Handled { get; } = [];

    public bool Succeeded => Failures.Count == 0;
}

internal sealed partial class EventDispatcher(
    IServiceScopeFactory scopes, EventSubscriptions subscriptions, IOptions<RelayOptions> options, TimeProvider clock, ILogger<EventDispatcher> logger)
{
    private readonly Random _jitter = new();

    public async Task DispatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = await DeliverAsync(messages, cancellationToken);
        await SettleAsync(outcomes, cancellationToken);
        Count(outcomes);
    }

    /// <summary>
    /// Runs every handler of the batch that has not processed its event yet, and says what each did, without settling
    /// anything: the outbox settles its rows afterwards (<see cref="DispatchAsync"/>), the DynamoDB stream path records
    /// the inbox and answers its shard or Lambda (<see cref="RecordHandledAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<Delivery>> DeliverAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        HashSet<(Guid EventId, string Handler)> done;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
            var ids = messages.Select(m => m.EventId).ToList();
            done = (await db.Inbox.AsNoTracking().Where(i => ids.Contains(i.EventId)).Select(i => new { i.EventId, i.Handler }).ToListAsync(cancellationToken))
                .Select(i => (i.EventId, i.Handler)).ToHashSet();
        }
        var outcomes = messages.Select(Read).ToList();
        await HandleBatchesAsync(outcomes, done, cancellationToken);
        await Parallel.ForEachAsync(outcomes,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism), CancellationToken = cancellationToken },
            async (outcome, ct) => await HandleAsync(outcome, done, ct));
        return outcomes;
    }

    /// <summary>Counts handled and failed events, and the lag of the handled ones.</summary>
    public void Count(IReadOnlyList<Delivery> outcomes)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var outcome in outcomes)
        {
            CloudMartTelemetry.EventsHandled.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Failures.Count == 0 ? "handled" : "failed"));
            if (outcome.Failures.Count == 0)
            {
                CloudMartTelemetry.EventLag.Record((now - outcome.Message.OccurredAt).TotalMilliseconds, new KeyValuePair<string, object?>("type", outcome.Message.Type));
            }
        }
    }

    private Delivery Read(OutboxMessage message)
    {
        try
        {
            return new Delivery(message, subscriptions.Read(message.Type, message.Payload), null);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException)
        {
            return new Delivery(message, null, Describe(e)); // every handler fails on it, and in the end it is dead-lettered
        }
    }

    /// <summary>
    /// Offers each handler that takes batches all of its events in the claimed batch at once. What it records is done;
    /// whatever it leaves (or all of them, if it throws) goes through the one-at-a-time path that follows.
    /// </summary>
    private async Task HandleBatchesAsync(IReadOnlyList<Delivery> outcomes, HashSet<(Guid EventId, string Handler)> done, CancellationToken cancellationToken)
    {
        foreach (var ofType in outcomes.Where(o => o.Payload is not null).GroupBy(o => o.Message.Type))
        {
            foreach (var subscription in subscriptions.For(ofType.Key).Where(s => s.InvokeBatch is not null))
            {
                var pending = ofType.Where(o => !done.Contains((o.Message.EventId, subscription.Handler))).ToList();
                if (pending.Count < 2)
                {
                    continue; // a single event takes the usual path
                }
                var context = await RunBatchAsync(subscription, [.. pending.Select(o => o.Payload!)], cancellationToken);
                done.UnionWith(context.Committed.Select(id => (id, subscription.Handler)));
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var outcome in pending.Where(o => context.Handled.Contains(o.Message.EventId) && done.Add((o.Message.EventId, subscription.Handler))))
                {
                    outcome.Handled.Add(new InboxRecord { EventId = outcome.Message.EventId, Handler = subscription.Handler, ProcessedAt = now });
                }
            }
        }
    }

    private async Task<BatchContext> RunBatchAsync(Subscription subscription, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        using var activity = CloudMartTelemetry.ActivitySource.StartActivity($"handle {subscription.EventType} batch", ActivityKind.Consumer);
        activity?.SetTag("messaging.batch.message_count", events.Count);
        activity?.SetTag("cloudmart.handler", subscription.Handler);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var context = new BatchContext(services.GetRequiredService<UnitOfWork>(), services.GetRequiredService<MessagingDbContext>(), subscription.Handler, clock);
        try
        {
            await subscription.InvokeBatch!(services, events, context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // What the batch committed before it failed stays done (its records say so); the rest goes one at a time.
            LogBatchFailed(e, subscription.Handler, events.Count);
        }
        return context;
    }

    private async Task HandleAsync(Delivery outcome, HashSet<(Guid EventId, string Handler)> done, CancellationToken cancellationToken)
    {
        var message = outcome.Message;
        using var activity = CloudMartTelemetry.ActivitySource.StartActivity($"handle {message.Type}", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", message.EventId);
        if (outcome.Payload is not { } payload)
        {
            outcome.Failures.AddRange(subscriptions.For(message.Type).Select(s => (s.Handler, outcome.Unreadable!)));
            return;
        }
        foreach (var subscription in subscriptions.For(message.Type).Where(s => !done.Contains((message.EventId, s.Handler))))
        {
            var (error, committed) = await RunAsync(subscription, message.EventId, payload, cancellationToken);
            if (error is not null)
            {
                outcome.Failures.Add((subscription.Handler, error));
            }
            else if (!committed)
            {
                outcome.Handled.Add(new InboxRecord { EventId = message.EventId, Handler = subscription.Handler, ProcessedAt = clock.GetUtcNow().UtcDateTime });
            }
        }
    }

    /// <returns>What went wrong (null on success), and whether the handler committed its own inbox record.</returns>
    public async Task<(string? Error, bool Committed)> RunAsync(Subscription subscription, Guid eventId, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var context = new HandlerContext(services.GetRequiredService<UnitOfWork>(), services.GetRequiredService<MessagingDbContext>(), eventId, subscription.Handler, clock);
            await subscription.Invoke(services, payload, context, cancellationToken);
            return (null, context.Committed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (DatabaseErrors.IsUniqueViolation(e))
            {
                return (null, true); // another worker recorded this handler's effect first; ours was rolled back
            }
            LogHandlerFailed(e, subscription.Handler, eventId);
            return (Describe(e), false);
        }
    }

    /// <summary>One transaction for the batch: inbox records, processed rows, retries and dead letters.</summary>
    private async Task SettleAsync(IReadOnlyList<Delivery> outcomes, CancellationToken cancellationToken)
    {
        try
        {
            await SettleTogetherAsync(outcomes, cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another worker recorded one of these handlers too (its lease on the row had run out): settle one by one.
            foreach (var outcome in outcomes)
            {
                await SettleTogetherAsync([outcome], cancellationToken);
            }
        }
    }

    private async Task SettleTogetherAsync(IReadOnlyList<Delivery> outcomes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            await InsertHandledAsync(db, outcomes, ct);
            var succeeded = outcomes.Where(o => o.Failures.Count == 0).Select(o => o.Message.Sequence).ToList();
            if (succeeded.Count > 0)
            {
                await db.Outbox.Where(o => succeeded.Contains(o.Sequence)).ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.ProcessedAt, now).SetProperty(o => o.Attempts, o => o.Attempts + 1)
                    .SetProperty(o => o.LockedUntil, (DateTime?)null).SetProperty(o => o.LastError, (string?)null), ct);
            }
            foreach (var outcome in outcomes.Where(o => o.Failures.Count > 0))
            {
                await FailAsync(db, outcome, now, ct);
            }
        }, cancellationToken);
    }

    /// <summary>Writes the inbox records of handlers that succeeded without a database effect of their own (for the stream path, which has no rows to settle).</summary>
    public async Task RecordHandledAsync(IReadOnlyList<Delivery> outcomes, CancellationToken cancellationToken)
    {
        if (!outcomes.Any(o => o.Handled.Count > 0))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        try
        {
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(ct => InsertHandledAsync(db, outcomes, ct), cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // another delivery of the same records wrote them first: they are recorded either way
        }
    }

    private static async Task InsertHandledAsync(MessagingDbContext db, IReadOnlyList<Delivery> outcomes, CancellationToken cancellationToken)
    {
        var handled = outcomes.SelectMany(o => o.Handled).ToList();
        if (handled.Count > 0)
        {
            var ids = handled.Select(h => h.EventId).Distinct().ToList();
            var existing = (await db.Inbox.Where(i => ids.Contains(i.EventId)).Select(i => new { i.EventId, i.Handler }).ToListAsync(cancellationToken))
                .Select(i => (i.EventId, i.Handler)).ToHashSet();
            await InboxRecords.InsertAsync(db, [.. handled.Where(h => !existing.Contains((h.EventId, h.Handler)))], cancellationToken);
        }
    }

    /// <summary>Moves the handlers still failing on an event to the dead letters, for an admin to inspect and replay.</summary>
    public async Task DeadLetterAsync(Delivery outcome, int attempts, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        var eventId = outcome.Message.EventId;
        var already = await db.DeadLetters.Where(d => d.EventId == eventId && d.ReplayedAt == null).Select(d => d.Handler).ToListAsync(cancellationToken);
        outcome.Failures.RemoveAll(f => already.Contains(f.Handler)); // a redelivered record found it dead-lettered already
        AddDeadLetters(db, outcome, attempts, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void AddDeadLetters(MessagingDbContext db, Delivery outcome, int attempts, DateTime now)
    {
        var message = outcome.Message;
        foreach (var (handler, handlerError) in outcome.Failures)
        {
            db.DeadLetters.Add(new DeadLetter
            {
                Id = Guid.CreateVersion7(), EventId = message.EventId, Type = message.Type, StreamId = message.StreamId, Handler = handler,
                Payload = message.Payload, Error = handlerError, Attempts = attempts, FailedAt = now,
            });
            LogDeadLettered(handler, message.EventId, attempts);
        }
    }

    private async Task FailAsync(MessagingDbContext db, Delivery outcome, DateTime now, CancellationToken cancellationToken)
    {
        var message = outcome.Message;
        var attempts = message.Attempts + 1;
        var error = string.Join(" | ", outcome.Failures.Select(f => $"{f.Handler}: {f.Error}"));
        error = error.Length <= 2000 ? error : error[..2000];
        var row = db.Outbox.Where(o => o.Sequence == message.Sequence);
        if (attempts < options.Value.MaxAttempts)
        {
            var next = now + options.Value.RetryDelay(attempts, _jitter);
            await row.ExecuteUpdateAsync(set => set.SetProperty(o => o.Attempts, attempts).SetProperty(o => o.NextAttemptAt, next)
                .SetProperty(o => o.LockedUntil, (DateTime?)null).SetProperty(o => o.LastError, error), cancellationToken);
            return;
        }
        AddDeadLetters(db, outcome, attempts, now);
        await row.ExecuteUpdateAsync(set => set.SetProperty(o => o.ProcessedAt, now).SetProperty(o => o.Attempts, attempts)
            .SetProperty(o => o.LockedUntil, (DateTime?)null).SetProperty(o => o.LastError, error), cancellationToken);
    }

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= 500 ? text : text[..500];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler {Handler} failed on a batch of {Count} events; they are handled one at a time")]
    private partial void LogBatchFailed(Exception exception, string handler, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler {Handler} failed on event {EventId}; it will be retried")]
    private partial void LogHandlerFailed(Exception exception, string handler, Guid eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler {Handler} still failed on event {EventId} after {Attempts} attempts: moved to the dead letters")]
    private partial void LogDeadLettered(string handler, Guid eventId, int attempts);
}
