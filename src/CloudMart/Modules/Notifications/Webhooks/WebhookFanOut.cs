using System.Text.Json;
using CloudMart.Modules.Notifications.Data;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Notifications.Webhooks;

/// <summary>
/// Turns one event into one pending delivery per endpoint that subscribed to its type, in the same commit as the
/// inbox record: each endpoint gets each event once, whatever the relay redelivers. Sending is the sender's job.
/// A batch of events is fanned out in one commit.
/// </summary>
internal sealed class WebhookFanOut<TEvent>(NotificationsDbContext db, WebhookDirectory directory, WebhookSignal signal, TimeProvider clock) : IBatchEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string Type = typeof(TEvent).Name;

    public async Task HandleAsync(TEvent integrationEvent, HandlerContext context, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(cancellationToken);
        if (targets.Count == 0)
        {
            return; // nobody subscribed: nothing to write
        }
        await context.CommitAsync(ct => QueueAsync([integrationEvent], targets), cancellationToken);
        signal.Notify();
    }

    public async Task HandleBatchAsync(IReadOnlyList<TEvent> events, BatchContext context, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(cancellationToken);
        if (targets.Count == 0)
        {
            context.Done(events.Cast<IIntegrationEvent>());
            return;
        }
        await context.CommitAsync(events, (fresh, ct) => QueueAsync(fresh, targets), cancellationToken);
        signal.Notify();
    }

    private async Task<List<WebhookEndpoint>> TargetsAsync(CancellationToken cancellationToken) =>
        [.. (await directory.ActiveAsync(cancellationToken)).Where(e => e.EventTypeList.Contains(Type))];

    private Task QueueAsync(IEnumerable<TEvent> events, IReadOnlyList<WebhookEndpoint> targets)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var integrationEvent in events)
        {
            var body = JsonSerializer.Serialize(new { id = integrationEvent.EventId, type = Type, occurredAt = integrationEvent.OccurredAt, data = integrationEvent }, Json);
            foreach (var endpoint in targets)
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(), EndpointId = endpoint.Id, EventId = integrationEvent.EventId, EventType = Type, Body = body,
                    Status = DeliveryStatus.Pending, CreatedAt = now,
                });
            }
        }
        return Task.CompletedTask;
    }
}

/// <summary>Wakes the sender when deliveries were queued in this process.</summary>
internal sealed class WebhookSignal : WakeSignal;

/// <summary>
/// The active endpoints, kept in memory: every event asks who subscribed, and the answer rarely changes. Changes in
/// this process refresh it at once; changes made by another process show within <see cref="MaxAge"/>.
/// </summary>
internal sealed class WebhookDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyList<WebhookEndpoint> Endpoints, DateTime ReadAt);

    public async Task<IReadOnlyList<WebhookEndpoint>> ActiveAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var now = clock.GetUtcNow().UtcDateTime;
        if (snapshot is not null && now - snapshot.ReadAt < MaxAge)
        {
            return snapshot.Endpoints;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var endpoints = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.WebhookEndpoints).Where(e => e.IsActive), cancellationToken);
        _snapshot = new Snapshot(endpoints, now);
        return endpoints;
    }

    public void Changed() => _snapshot = null;
}
