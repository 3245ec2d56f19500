using System.Globalization;
using System.Text;
using CloudMart.Modules.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using CloudMart.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Notifications.Webhooks;

/// <summary>
/// Sends pending webhook deliveries: POSTs the signed body, and records every attempt's status code or error.
/// Non-2xx answers and network errors are retried with exponential backoff and jitter until the last attempt, then
/// the delivery is marked Failed for an admin to see. Receivers dedupe by the CloudMart-Event-Id header.
/// </summary>
internal sealed partial class WebhookSender(
    IServiceScopeFactory scopes, IHttpClientFactory clients, WebhookSignal signal, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookSender> logger) : ClaimLoop<Guid>(signal, logger)
{
    public const string HttpClientName = "webhooks";
    private readonly Random _jitter = new();

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override Task HandleAsync(IReadOnlyList<Guid> claimed, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, ct) => await SendAsync(id, ct));

    protected override async Task<IReadOnlyList<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.Timeout * 3;
        return await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
        {
            if (db.Database.IsNpgsql())
            {
                return await db.Database.SqlQuery<Guid>($"""
                    UPDATE notifications_webhook_deliveries SET "LockedUntil" = {until}
                    WHERE "Id" IN (
                        SELECT "Id" FROM notifications_webhook_deliveries
                        WHERE "Status" = 'Pending' AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {now}) AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                        ORDER BY "CreatedAt" LIMIT 50 FOR UPDATE SKIP LOCKED)
                    RETURNING "Id" AS "Value"
                    """).ToListAsync(ct);
            }
            var ids = await db.WebhookDeliveries
                .Where(d => d.Status == DeliveryStatus.Pending && (d.NextAttemptAt == null || d.NextAttemptAt <= now) && (d.LockedUntil == null || d.LockedUntil < now))
                .OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(50).ToListAsync(ct);
            await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedUntil, until), ct);
            return ids;
        }, cancellationToken);
    }

    private async Task SendAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstAsync(d => d.Id == deliveryId, cancellationToken);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        int? statusCode = null;
        string? error = null;
        if (endpoint is null || !endpoint.IsActive)
        {
            error = "The endpoint was removed.";
        }
        else
        {
            (statusCode, error) = await PostAsync(endpoint, delivery, cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        var delivered = error is null;
        var final = delivered || attempts >= options.Value.MaxAttempts || endpoint is not { IsActive: true };
        var status = delivered ? DeliveryStatus.Delivered : final ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        DateTime? next = final ? null : now + options.Value.RetryDelay(attempts, _jitter);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(ct => db.WebhookDeliveries.Where(d => d.Id == deliveryId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, status).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LockedUntil, (DateTime?)null).SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, error).SetProperty(d => d.DeliveredAt, delivered ? now : null), ct), cancellationToken);
        if (status == DeliveryStatus.Failed)
        {
            LogGaveUp(delivery.EventType, delivery.EndpointId, attempts);
        }
    }

    private async Task<(int? StatusCode, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("CloudMart-Event-Id", delivery.EventId.ToString());
        request.Headers.Add("CloudMart-Event-Type", delivery.EventType);
        request.Headers.Add("CloudMart-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("CloudMart-Signature", WebhookSignature.Sign(endpoint.Secret, timestamp, delivery.Body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"The endpoint answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, e is TaskCanceledException ? "The endpoint did not answer in time." : $"Could not reach the endpoint: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up delivering {EventType} to webhook endpoint {EndpointId} after {Attempts} attempts")]
    private partial void LogGaveUp(string eventType, Guid endpointId, int attempts);
}
