namespace CloudMart.Modules.Catalog.Contracts;

/// <summary>What other modules may ask the catalog, synchronously.</summary>
public interface ICatalog
{
    /// <summary>Current name, SKU and price of each product found (archived ones included, flagged).</summary>
    Task<IReadOnlyDictionary<Guid, ProductForSale>> FindForSaleAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    /// <summary>Each found product as the catalog lists it (API v1 <c>ProductSummary</c>), archived ones included, flagged.</summary>
    Task<IReadOnlyDictionary<Guid, ProductListing>> FindListingsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    /// <summary>The best-rated products on sale with stock, for a shop that has no sales to go by yet.</summary>
    Task<IReadOnlyList<ProductListing>> BestRatedInStockAsync(int count, CancellationToken cancellationToken);
}

public sealed record ProductForSale(Guid Id, string Sku, string Name, decimal Price, bool IsArchived);

/// <summary>A product as the catalog's lists show it, plus whether it is archived (no longer on sale).</summary>
public sealed record ProductListing(
    Guid Id, string Sku, string Slug, string Name, decimal Price, string Currency, string CategorySlug,
    string? ImageUrl, double? Rating, int ReviewCount, int Available, bool IsArchived);
