using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Notifications.Webhooks;

/// <summary>Bound from <c>CloudMart:Webhooks</c>.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "CloudMart:Webhooks";

    /// <summary>Off by default so a registered URL cannot reach the shop's own network (SSRF); on for local receivers.</summary>
    public bool AllowPrivateNetworks { get; set; }

    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The events an endpoint may subscribe to.</summary>
    public static readonly IReadOnlyList<string> EventTypes =
    [
        "OrderPlaced", "OrderConfirmed", "OrderPaymentFailed", "OrderPaymentRetried", "OrderCancelled", "OrderShipped", "OrderDelivered",
        "StockRunningLow", "StockReplenished", "ProductCreated", "ProductChanged", "ProductArchived",
    ];

    public TimeSpan RetryDelay(int attempt, Random random) => Backoff.Delay(attempt, FirstRetryDelay, MaxRetryDelay, random);
}
