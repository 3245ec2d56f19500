using CloudMart.Modules.Catalog.BrowseProducts;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.SearchProducts;
using CloudMart.Modules.Catalog.ViewProduct;
using CloudMart.Platform;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog;

/// <summary>Serves <see cref="IProductFinder"/> through the browse and product-page slices, so the rules are the API's.</summary>
internal sealed class ProductFinder(CatalogDbContext db, HybridSearch search, IOptions<StoreOptions> store) : IProductFinder
{
    private const int MaxCount = 50;

    public async Task<IReadOnlyList<ProductCard>> SearchAsync(string query, int count, CancellationToken cancellationToken)
    {
        var result = await BrowseProductsEndpoint.HandleAsync(db, search, store, query, null, null, null, null, "relevance", 1, Math.Clamp(count, 1, MaxCount), cancellationToken);
        return BrowseProductsEndpoint.PageOf(result.Result)?.Items.Select(Card).ToList() ?? [];
    }

    public async Task<IReadOnlyList<ProductCard>> TopRatedAsync(string? categorySlug, int count, CancellationToken cancellationToken)
    {
        var result = await BrowseProductsEndpoint.HandleAsync(db, search, store, null, categorySlug, null, null, true, "rating", 1, Math.Clamp(count, 1, MaxCount), cancellationToken);
        return BrowseProductsEndpoint.PageOf(result.Result)?.Items.Select(Card).ToList() ?? [];
    }

    public async Task<ProductCard?> FindAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        var (result, _) = await ViewProductEndpoint.FindAsync(idOrSlug, db, store, cancellationToken);
        return result.Result is Ok<ProductDetails> { Value: { } p }
            ? new ProductCard(p.Id, p.Sku, p.Slug, p.Name, p.Price, p.Currency, p.CategorySlug, p.ImageUrl, p.Rating, p.ReviewCount, p.Available, p.Description)
            : null;
    }

    private static ProductCard Card(ProductSummary p) =>
        new(p.Id, p.Sku, p.Slug, p.Name, p.Price, p.Currency, p.CategorySlug, p.ImageUrl, p.Rating, p.ReviewCount, p.Available);
}
