using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Catalog.Contracts;

public sealed record ProductCreated(Guid EventId, DateTime OccurredAt, Guid ProductId, string Sku, string Name, decimal Price, string CategorySlug)
    : IIntegrationEvent
{
    public string StreamId => ProductId.ToString();
}

public sealed record ProductChanged(Guid EventId, DateTime OccurredAt, Guid ProductId, string Sku, string Name, decimal Price, string CategorySlug)
    : IIntegrationEvent
{
    public string StreamId => ProductId.ToString();
}

public sealed record ProductArchived(Guid EventId, DateTime OccurredAt, Guid ProductId, string Sku) : IIntegrationEvent
{
    public string StreamId => ProductId.ToString();
}
