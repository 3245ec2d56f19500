using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Inventory.Contracts;

/// <summary>A product's available units fell to or below its low-stock threshold.</summary>
public sealed record StockRunningLow(Guid EventId, DateTime OccurredAt, Guid ProductId, string Sku, int Available, int Threshold) : IIntegrationEvent
{
    public string StreamId => ProductId.ToString();
}

/// <summary>A product's available units rose above its low-stock threshold again: the alert is over.</summary>
public sealed record StockReplenished(Guid EventId, DateTime OccurredAt, Guid ProductId, string Sku, int Available, int Threshold) : IIntegrationEvent
{
    public string StreamId => ProductId.ToString();
}
