using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Recommendations.Data;
using CloudMart.Modules.Recommendations.Model;
using CloudMart.Modules.Recommendations.Serving;
using CloudMart.Platform.Security;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Recommendations.ForMe;

/// <summary>
/// GET /api/recommendations/for-me: from the caller's purchases and views — what customers with the same purchases
/// bought, then products like theirs, best-sellers of their categories and best-sellers; never what they already bought.
/// </summary>
internal static class ForMeEndpoint
{
    private const int PopularPool = 200;
    private const int ContentSeeds = 20;

    public static void Map(RouteGroupBuilder recommendations) =>
        recommendations.MapGet("/for-me", HandleAsync)
            .WithName("RecommendedForMe")
            .WithSummary("Products picked for the signed-in customer from their orders and product views; best-sellers for a new customer.")
            .RequireAuthorization(Policies.SignedIn);

    internal static async Task<Results<Ok<RecommendationList>, ValidationProblem>> HandleAsync(
        int? count, ClaimsPrincipal user, RecommendationsDbContext db, CoPurchaseStore store, ICatalog catalog,
        [FromServices] IProductSimilarity similarity, IOptions<RecommendationOptions> options, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var wanted = RecommendationCount.From(count, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var settings = options.Value;
        var history = await CustomerHistory.LoadAsync(db, user.Id(), settings.HistoryLimit, cancellationToken);
        var candidates = RecommendationCount.Candidates(wanted);

        var seeds = await store.SeedsAsync(
            [.. history.RecentPurchases.Select(p => (p, 1.0)), .. history.RecentViews.Select(v => (v, settings.ViewWeight))], cancellationToken);
        var fromHistory = PersonalRecommender.FromHistory(store.Recommender, seeds, history.RecentViews.ToHashSet(), history.Bought.Contains, candidates);
        var tasteSeeds = history.RecentPurchases.Concat(history.RecentViews).Take(ContentSeeds).ToList();
        IReadOnlyList<SimilarProduct> alike = tasteSeeds.Count == 0 ? [] : await similarity.NearestToAllAsync(tasteSeeds, candidates, cancellationToken);
        var mostBought = await store.MostBoughtAsync(PopularPool, cancellationToken);

        var listings = new Dictionary<Guid, ProductListing>(await catalog.FindListingsAsync(
            [.. tasteSeeds, .. fromHistory.Select(p => p.Item), .. alike.Select(a => a.ProductId), .. mostBought.Select(m => m.Item)], cancellationToken));
        bool Usable(Guid id) => !history.Bought.Contains(id) && RecommendationCards.OnSale(listings, id);

        var tasteCategories = tasteSeeds.Where(listings.ContainsKey).Select(id => listings[id].CategorySlug).ToHashSet();
        var popularInTheirCategories = Blend.Popular(mostBought)
            .Where(p => listings.TryGetValue(p.Item, out var l) && tasteCategories.Contains(l.CategorySlug))
            .Select(p => p with { Reason = ReasonKind.PopularInCategory, Category = listings[p.Item].CategorySlug });
        var picks = Blend.Fill(wanted, Usable,
            fromHistory,
            alike.Select(a => new Pick<Guid>(a.ProductId, Math.Clamp(a.Score, 0, 1), ReasonKind.SimilarToHistory)),
            popularInTheirCategories,
            Blend.Popular(mostBought));
        if (picks.Count < wanted)
        {
            // A shop with too few sales yet: make up the list with what customers rate best.
            var bestRated = await catalog.BestRatedInStockAsync(wanted + history.Bought.Count, cancellationToken);
            foreach (var listing in bestRated)
            {
                listings.TryAdd(listing.Id, listing);
            }
            picks = Blend.Fill(wanted, Usable, picks, bestRated.Select(l => new Pick<Guid>(l.Id, (l.Rating ?? 0) / 5, ReasonKind.TopRated)));
        }
        RecommendationTelemetry.Served("for-me", picks.Count);
        return TypedResults.Ok(RecommendationCards.From(picks, listings));
    }
}
