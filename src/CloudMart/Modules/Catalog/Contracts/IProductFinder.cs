namespace CloudMart.Modules.Catalog.Contracts;

/// <summary>
/// Product search and details for other modules (the assistant), answered by the same code as the catalog's API, so
/// a product another module shows is exactly what the storefront would show. Only products on sale are returned.
/// </summary>
public interface IProductFinder
{
    /// <summary>Products whose text holds every word of <paramref name="query"/>, best first (at most 50).</summary>
    Task<IReadOnlyList<ProductCard>> SearchAsync(string query, int count, CancellationToken cancellationToken);

    /// <summary>Products on sale in a category (and its sub-categories), best rated first; empty when the category is unknown.</summary>
    Task<IReadOnlyList<ProductCard>> TopRatedAsync(string? categorySlug, int count, CancellationToken cancellationToken);

    /// <summary>One product on sale by id or slug; null when there is none.</summary>
    Task<ProductCard?> FindAsync(string idOrSlug, CancellationToken cancellationToken);
}

/// <summary>API v1 <c>ProductSummary</c> with the description, for clients that talk about a product.</summary>
public sealed record ProductCard(
    Guid Id, string Sku, string Slug, string Name, decimal Price, string Currency, string CategorySlug,
    string? ImageUrl, double? Rating, int ReviewCount, int Available, string? Description = null);
