using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CloudMart.Platform.Observability;

namespace CloudMart.Platform.Messaging;

/// <summary>
/// Hands one outbox event to each of its handlers. Each handler runs in its own unit of work with its inbox record,
/// so a handler that already succeeded is skipped when the event comes again, and a failing handler is retried
/// alone. When every handler is done the row is marked processed; after the last attempt the handlers still failing
/// go to the dead letters.
/// </summary>
internal sealed partial class EventDispatcher(
    IServiceScopeFactory scopes, EventSubscriptions subscriptions, IOptions<RelayOptions> options, TimeProvider clock, ILogger<EventDispatcher> logger)
{
    private readonly Random _jitter = new();

    public async Task DispatchAsync(long sequence, CancellationToken cancellationToken)
    {
        OutboxMessage message;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
            message = await db.Outbox.AsNoTracking().FirstAsync(o => o.Sequence == sequence, cancellationToken);
        }
        using var activity = CloudMartTelemetry.ActivitySource.StartActivity($"handle {message.Type}", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", message.EventId);
        var failures = new List<(string Handler, string Error)>();
        object? payload = null;
        try
        {
            payload = subscriptions.Read(message.Type, message.Payload);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException)
        {
            failures.AddRange(subscriptions.For(message.Type).Select(s => (s.Handler, Describe(e))));
        }
        if (payload is not null)
        {
            foreach (var subscription in subscriptions.For(message.Type))
            {
                var error = await RunAsync(subscription, message.EventId, payload, cancellationToken);
                if (error is not null)
                {
                    failures.Add((subscription.Handler, error));
                }
            }
        }
        await SettleAsync(message, failures, cancellationToken);
        CloudMartTelemetry.EventsHandled.Add(1, new KeyValuePair<string, object?>("outcome", failures.Count == 0 ? "handled" : "failed"));
        if (failures.Count == 0)
        {
            CloudMartTelemetry.EventLag.Record((clock.GetUtcNow().UtcDateTime - message.OccurredAt).TotalMilliseconds,
                new KeyValuePair<string, object?>("type", message.Type));
        }
    }

    /// <returns>null when the handler succeeded (now or before), otherwise what went wrong.</returns>
    public async Task<string?> RunAsync(Subscription subscription, Guid eventId, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<MessagingDbContext>();
            if (await db.Inbox.AnyAsync(i => i.EventId == eventId && i.Handler == subscription.Handler, cancellationToken))
            {
                return null;
            }
            var context = new HandlerContext(services.GetRequiredService<UnitOfWork>(), db, eventId, subscription.Handler, clock);
            await subscription.Invoke(services, payload, context, cancellationToken);
            if (!context.Committed)
            {
                await context.CommitAsync(_ => Task.CompletedTask, cancellationToken); // a handler with outside effects only
            }
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (DatabaseErrors.IsUniqueViolation(e))
            {
                return null; // another worker recorded this handler's effect first; ours was rolled back
            }
            LogHandlerFailed(e, subscription.Handler, eventId);
            return Describe(e);
        }
    }

    private async Task SettleAsync(OutboxMessage message, List<(string Handler, string Error)> failures, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            var outbox = db.Outbox.Where(o => o.Sequence == message.Sequence);
            if (failures.Count == 0)
            {
                await outbox.ExecuteUpdateAsync(set => set.SetProperty(o => o.ProcessedAt, now).SetProperty(o => o.Attempts, attempts)
                    .SetProperty(o => o.LockedUntil, (DateTime?)null).SetProperty(o => o.LastError, (string?)null), ct);
                return;
            }
            var error = string.Join(" | ", failures.Select(f => $"{f.Handler}: {f.Error}"));
            error = error.Length <= 2000 ? error : error[..2000];
            if (attempts < options.Value.MaxAttempts)
            {
                var next = now + options.Value.RetryDelay(attempts, _jitter);
                await outbox.ExecuteUpdateAsync(set => set.SetProperty(o => o.Attempts, attempts).SetProperty(o => o.NextAttemptAt, next)
                    .SetProperty(o => o.LockedUntil, (DateTime?)null).SetProperty(o => o.LastError, error), ct);
                return;
            }
            foreach (var (handler, handlerError) in failures)
            {
                db.DeadLetters.Add(new DeadLetter
                {
                    Id = Guid.CreateVersion7(), EventId = message.EventId, Type = message.Type, StreamId = message.StreamId, Handler = handler,
                    Payload = message.Payload, Error = handlerError, Attempts = attempts, FailedAt = now,
                });
                LogDeadLettered(handler, message.EventId, attempts);
            }
            await outbox.ExecuteUpdateAsync(set => set.SetProperty(o => o.ProcessedAt, now).SetProperty(o => o.Attempts, attempts)
                .SetProperty(o => o.LockedUntil, (DateTime?)null).SetProperty(o => o.LastError, error), ct);
        }, cancellationToken);
    }

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= 500 ? text : text[..500];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler {Handler} failed on event {EventId}; it will be retried")]
    private partial void LogHandlerFailed(Exception exception, string handler, Guid eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler {Handler} still failed on event {EventId} after {Attempts} attempts: moved to the dead letters")]
    private partial void LogDeadLettered(string handler, Guid eventId, int attempts);
}
