using System.Text.Json;
using CloudMart.Modules.Notifications.Data;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Notifications.Webhooks;

/// <summary>
/// Turns one event into one pending delivery per endpoint that subscribed to its type, in the same commit as the
/// inbox record: each endpoint gets each event once, whatever the relay redelivers. Sending is the sender's job.
/// </summary>
internal sealed class WebhookFanOut<TEvent>(NotificationsDbContext db, WebhookDirectory directory, WebhookSignal signal, TimeProvider clock) : IEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(TEvent integrationEvent, HandlerContext context, CancellationToken cancellationToken)
    {
        var type = typeof(TEvent).Name;
        var targets = (await directory.ActiveAsync(cancellationToken)).Where(e => e.EventTypeList.Contains(type)).ToList();
        if (targets.Count == 0)
        {
            return; // nobody subscribed: nothing to write
        }
        var body = JsonSerializer.Serialize(new { id = integrationEvent.EventId, type, occurredAt = integrationEvent.OccurredAt, data = integrationEvent }, Json);
        await context.CommitAsync(ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var endpoint in targets)
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(), EndpointId = endpoint.Id, EventId = integrationEvent.EventId, EventType = type, Body = body,
                    Status = DeliveryStatus.Pending, CreatedAt = now,
                });
            }
            return Task.CompletedTask;
        }, cancellationToken);
        signal.Notify();
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
