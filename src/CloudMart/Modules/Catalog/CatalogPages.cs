using Microsoft.AspNetCore.OutputCaching;

namespace CloudMart.Modules.Catalog;

/// <summary>
/// Catalog reads (lists, search, categories, product pages) are served from the output cache: they are the shop's
/// hottest requests and change far less often than they are read. Every change to a product, a category or a
/// product's availability evicts them once its transaction commits; a short expiry bounds staleness for changes made
/// by other processes.
/// </summary>
internal sealed class CatalogPages(IOutputCacheStore cache, DatabaseSession session)
{
    public const string Policy = "catalog";
    public const string Tag = "catalog";
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    public Task ChangedAsync() => session.AfterCommitAsync(() => cache.EvictByTagAsync(Tag, CancellationToken.None).AsTask());
}
