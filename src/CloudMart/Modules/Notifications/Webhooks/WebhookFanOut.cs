using System.Text.Json;
using CloudMart.Modules.Notifications.Data;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Notifications.Webhooks;

/// <summary>
/// Turns one event into one pending delivery per endpoint that subscribed to its type, in the same commit as the
/// inbox record: each endpoint gets each event once, whatever the relay redelivers. Sending is the sender's job.
/// </summary>
internal sealed class WebhookFanOut<TEvent>(NotificationsDbContext db, WebhookSignal signal, TimeProvider clock) : IEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(TEvent integrationEvent, HandlerContext context, CancellationToken cancellationToken)
    {
        var type = typeof(TEvent).Name;
        var body = JsonSerializer.Serialize(new { id = integrationEvent.EventId, type, occurredAt = integrationEvent.OccurredAt, data = integrationEvent }, Json);
        var added = false;
        await context.CommitAsync(async ct =>
        {
            var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var endpoint in endpoints.Where(e => e.EventTypeList.Contains(type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(), EndpointId = endpoint.Id, EventId = integrationEvent.EventId, EventType = type, Body = body,
                    Status = DeliveryStatus.Pending, CreatedAt = now,
                });
                added = true;
            }
        }, cancellationToken);
        if (added)
        {
            signal.Notify();
        }
    }
}

/// <summary>Wakes the sender when deliveries were queued in this process.</summary>
internal sealed class WebhookSignal : WakeSignal;
