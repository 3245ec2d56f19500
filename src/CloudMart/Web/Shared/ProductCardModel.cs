using CloudMart.Modules.Catalog;

namespace CloudMart.Web.Shared;

/// <summary>What a product card shows; components are public, so they take this rather than the catalog's internal views.</summary>
public sealed record ProductCardModel(Guid Id, string Slug, string Name, decimal Price, string Currency, int Available, double? Rating, int ReviewCount)
{
    internal static ProductCardModel From(ProductSummary p) => new(p.Id, p.Slug, p.Name, p.Price, p.Currency, p.Available, p.Rating, p.ReviewCount);
}
