using System.Linq.Expressions;
using CloudMart.Modules.Catalog.Data;

namespace CloudMart.Modules.Catalog;

/// <summary>API v1 <c>ProductSummary</c>.</summary>
internal sealed record ProductSummary(
    Guid Id, string Sku, string Slug, string Name, decimal Price, string Currency, string CategorySlug,
    string? ImageUrl, double? Rating, int ReviewCount, int Available);

/// <summary>API v1 <c>Product</c>: the summary plus description, attributes and timestamps.</summary>
internal sealed record ProductDetails(
    Guid Id, string Sku, string Slug, string Name, decimal Price, string Currency, string CategorySlug,
    string? ImageUrl, double? Rating, int ReviewCount, int Available,
    string Description, IReadOnlyDictionary<string, string> Attributes, string CategoryName, DateTime CreatedAt, DateTime UpdatedAt);

internal static class ProductViews
{
    public static Expression<Func<Product, ProductSummary>> Summary(string currency) => p => new ProductSummary(
        p.Id, p.Sku, p.Slug, p.Name, p.Price, currency, p.Category!.Slug, p.ImageUrl, p.Rating, p.ReviewCount, p.Available);

    public static ProductDetails Details(Product p, Category category, string currency) => new(
        p.Id, p.Sku, p.Slug, p.Name, p.Price, currency, category.Slug, p.ImageUrl, p.Rating, p.ReviewCount, p.Available,
        p.Description, p.Attributes, category.Name, p.CreatedAt, p.UpdatedAt);
}
