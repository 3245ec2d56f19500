using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Recommendations.Model;

namespace CloudMart.Modules.Recommendations.Serving;

/// <summary>API: a <c>ProductSummary</c> with the recommendation's score (0..1 within its kind of reason) and reason.</summary>
internal sealed record RecommendedProduct(
    Guid Id, string Sku, string Slug, string Name, decimal Price, string Currency, string CategorySlug,
    string? ImageUrl, double? Rating, int ReviewCount, int Available, double Score, string Reason);

/// <summary>API: <c>{items: [RecommendedProduct]}</c>, best first.</summary>
internal sealed record RecommendationList(IReadOnlyList<RecommendedProduct> Items)
{
    public static readonly RecommendationList Empty = new([]);
}

/// <summary>Turns picks into what the API returns: only products on sale with stock, each with its reason in words.</summary>
internal static class RecommendationCards
{
    /// <summary>Archived and sold-out products are never recommended.</summary>
    public static bool OnSale(IReadOnlyDictionary<Guid, ProductListing> listings, Guid productId) =>
        listings.TryGetValue(productId, out var listing) && !listing.IsArchived && listing.Available > 0;

    public static RecommendationList From(IReadOnlyList<Pick<Guid>> picks, IReadOnlyDictionary<Guid, ProductListing> listings) =>
        new(picks.Where(p => OnSale(listings, p.Item)).Select(p =>
        {
            var l = listings[p.Item];
            return new RecommendedProduct(l.Id, l.Sku, l.Slug, l.Name, l.Price, l.Currency, l.CategorySlug, l.ImageUrl, l.Rating, l.ReviewCount, l.Available,
                Math.Round(p.Score, 4), Reason(p, listings));
        }).ToList());

    private static string Reason(Pick<Guid> pick, IReadOnlyDictionary<Guid, ProductListing> listings)
    {
        var about = pick.About is { } id && listings.TryGetValue(id, out var seed) ? seed.Name : "this";
        return pick.Reason switch
        {
            ReasonKind.BoughtWith => $"Often bought with {about}",
            ReasonKind.BecauseBought => $"Because you bought {about}",
            ReasonKind.BecauseViewed => $"Because you viewed {about}",
            ReasonKind.SimilarTo => $"Similar to {about}",
            ReasonKind.SimilarToHistory => "Similar to items you bought or viewed",
            ReasonKind.PopularInCategory => $"Popular in {pick.Category}",
            ReasonKind.TopRated => "Top rated",
            _ => "Popular right now",
        };
    }
}
