using CloudMart.Platform.Messaging;

using CloudMart.Modules.Catalog.Contracts;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>
/// Keeps product vectors current from the catalog's own events. Each delivery re-reads the product, so the order in
/// which events arrive does not matter, and a redelivery finds the hash unchanged and does nothing.
/// </summary>
internal sealed class ProductVectorHandler(ProductEmbedder embedder)
    : IEventHandler<ProductCreated>, IEventHandler<ProductChanged>, IEventHandler<ProductArchived>
{
    public Task HandleAsync(ProductCreated e, HandlerContext context, CancellationToken cancellationToken) =>
        embedder.RefreshAsync([e.ProductId], force: false, cancellationToken);

    public Task HandleAsync(ProductChanged e, HandlerContext context, CancellationToken cancellationToken) =>
        embedder.RefreshAsync([e.ProductId], force: false, cancellationToken);

    public Task HandleAsync(ProductArchived e, HandlerContext context, CancellationToken cancellationToken) =>
        embedder.RefreshAsync([e.ProductId], force: false, cancellationToken);
}
