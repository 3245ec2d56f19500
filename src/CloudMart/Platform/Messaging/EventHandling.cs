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

/// <summary>A failure worth retrying later (a gateway timeout, a mail server down): not a bug, not a poison message.</summary>
internal sealed class TransientEventFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One subscription: which handler, under which stable name, reacts to which event type.</summary>
internal sealed record Subscription(string Handler, string EventType, Func<IServiceProvider, object, HandlerContext, CancellationToken, Task> Invoke);

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
            (services, e, context, ct) => services.GetRequiredService<THandler>().HandleAsync((TEvent)e, context, ct)));
        return this;
    }

    public IEnumerable<Subscription> For(string eventType) => _subscriptions.Where(s => s.EventType == eventType);

    public Subscription? Named(string handler) => _subscriptions.FirstOrDefault(s => s.Handler == handler);

    public object Read(string eventType, string payload) =>
        _eventTypes.TryGetValue(eventType, out var type)
            ? JsonSerializer.Deserialize(payload, type, Json) ?? throw new InvalidOperationException($"Event {eventType} has an empty payload.")
            : throw new InvalidOperationException($"Event type {eventType} is not declared in Subscriptions.cs.");
}
