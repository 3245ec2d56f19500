using System.Text.Json;

namespace CloudMart.Platform.Messaging;

/// <summary>
/// A "function" of the platform: plain code that reacts to one integration event. Slow outside calls (a payment
/// gateway, a mail server) come first; database effects go through <see cref="HandlerContext.CommitAsync"/>, which
/// writes them in one transaction with the handler's inbox record, so they happen exactly once. A handler with only
/// outside effects makes them idempotent by key; the relay records it as done when the batch settles.
/// </summary>
internal interface IEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, HandlerContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler gets besides its event: the way to commit its effects together with its inbox record.</summary>
internal sealed class HandlerContext(UnitOfWork unitOfWork, MessagingDbContext db, Guid eventId, string handler, TimeProvider clock)
{
    public bool Committed { get; private set; }

    /// <summary>The event being handled: with <see cref="Handler"/>, the key of an inbox a store keeps itself (DynamoDB's).</summary>
    public Guid EventId => eventId;

    /// <summary>The handler's stable name, from Subscriptions.cs.</summary>
    public string Handler => handler;

    /// <summary>Runs the effects and records the event as processed by this handler, atomically; skips them if another delivery already did.</summary>
    public async Task CommitAsync(Func<CancellationToken, Task> effects, CancellationToken cancellationToken)
    {
        await unitOfWork.ExecuteAsync(async ct =>
        {
            if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Inbox, i => i.EventId == eventId && i.Handler == handler, ct))
            {
                return;
            }
            await effects(ct);
            db.Inbox.Add(new InboxRecord { EventId = eventId, Handler = handler, ProcessedAt = clock.GetUtcNow().UtcDateTime });
        }, cancellationToken);
        Committed = true;
    }
}

/// <summary>
/// A handler that can also take many of its events at once: one scope, one read of what they need, one transaction
/// for their effects. The relay offers it each claimed batch first; every event it leaves unrecorded (or the whole
/// batch, if it throws) is then handled one at a time through <see cref="IEventHandler{TEvent}"/>, which retries and
/// dead-letters as usual. So a batch method may skip what it cannot do in bulk, and one bad event never holds up the rest.
/// </summary>
internal interface IBatchEventHandler<TEvent> : IEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleBatchAsync(IReadOnlyList<TEvent> events, BatchContext context, CancellationToken cancellationToken);
}

/// <summary>What a batch handler reports: the events whose effects it committed, and those it handled outside the database.</summary>
internal sealed class BatchContext(UnitOfWork unitOfWork, MessagingDbContext db, string handler, TimeProvider clock)
{
    private readonly HashSet<Guid> _committed = [];
    private readonly HashSet<Guid> _handled = [];

    /// <summary>Events whose effects and inbox records were committed.</summary>
    public IReadOnlySet<Guid> Committed => _committed;

    /// <summary>Events handled with no database effect (nothing to do, or an outside effect made idempotent by key): recorded when the batch settles.</summary>
    public IReadOnlySet<Guid> Handled => _handled;

    /// <summary>
    /// Runs the effects for those of <paramref name="events"/> this handler has not processed yet and records all of
    /// them as processed, in one transaction.
    /// </summary>
    public async Task CommitAsync<TEvent>(IReadOnlyList<TEvent> events, Func<IReadOnlyList<TEvent>, CancellationToken, Task> effects, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent
    {
        if (events.Count == 0)
        {
            return;
        }
        var ids = events.Select(e => e.EventId).ToList();
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var seen = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Inbox.Where(i => ids.Contains(i.EventId) && i.Handler == handler).Select(i => i.EventId), ct)).ToHashSet();
            var fresh = events.Where(e => !seen.Contains(e.EventId)).ToList();
            if (fresh.Count > 0)
            {
                await effects(fresh, ct);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            await InboxRecords.InsertAsync(db, [.. fresh.Select(e => new InboxRecord { EventId = e.EventId, Handler = handler, ProcessedAt = now })], ct);
        }, cancellationToken);
        _committed.UnionWith(ids);
    }

    /// <summary>Reports events handled without a database effect.</summary>
    public void Done(IEnumerable<IIntegrationEvent> events) => _handled.UnionWith(events.Select(e => e.EventId));
}

/// <summary>A failure worth retrying later (a gateway timeout, a mail server down): not a bug, not a poison message.</summary>
internal sealed class TransientEventFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One subscription: which handler, under which stable name, reacts to which event type.</summary>
internal sealed record Subscription(string Handler, string EventType, Func<IServiceProvider, object, HandlerContext, CancellationToken, Task> Invoke)
{
    /// <summary>Set when the handler also takes a batch (<see cref="IBatchEventHandler{TEvent}"/>).</summary>
    public Func<IServiceProvider, IReadOnlyList<object>, BatchContext, CancellationToken, Task>? InvokeBatch { get; init; }
}

/// <summary>Every subscription of the app, listed in <c>Subscriptions.cs</c>, so a reader sees in one place what reacts to what.</summary>
internal sealed class EventSubscriptions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<Subscription> _subscriptions = [];
    private readonly Dictionary<string, Type> _eventTypes = new(StringComparer.Ordinal);

    /// <summary>Declares an event type so the relay can read it back, even if nothing handles it yet.</summary>
    public EventSubscriptions Event<TEvent>()
        where TEvent : IIntegrationEvent
    {
        _eventTypes[typeof(TEvent).Name] = typeof(TEvent);
        return this;
    }

    public EventSubscriptions On<TEvent, THandler>(string handlerName)
        where TEvent : IIntegrationEvent
        where THandler : IEventHandler<TEvent>
    {
        if (_subscriptions.Any(s => s.Handler == handlerName))
        {
            throw new InvalidOperationException($"Two subscriptions are named '{handlerName}'.");
        }
        Event<TEvent>();
        _subscriptions.Add(new Subscription(handlerName, typeof(TEvent).Name,
            (services, e, context, ct) => services.GetRequiredService<THandler>().HandleAsync((TEvent)e, context, ct))
        {
            InvokeBatch = typeof(IBatchEventHandler<TEvent>).IsAssignableFrom(typeof(THandler))
                ? (services, events, context, ct) => ((IBatchEventHandler<TEvent>)services.GetRequiredService<THandler>())
                    .HandleBatchAsync([.. events.Cast<TEvent>()], context, ct)
                : null,
        });
        return this;
    }

    public IEnumerable<Subscription> For(string eventType) => _subscriptions.Where(s => s.EventType == eventType);

    public Subscription? Named(string handler) => _subscriptions.FirstOrDefault(s => s.Handler == handler);

    public object Read(string eventType, string payload) =>
        _eventTypes.TryGetValue(eventType, out var type)
            ? JsonSerializer.Deserialize(payload, type, Json) ?? throw new InvalidOperationException($"Event {eventType} has an empty payload.")
            : throw new InvalidOperationException($"Event type {eventType} is not declared in Subscriptions.cs.");
}
