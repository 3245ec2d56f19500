using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Recommendations.Model;
using CloudMart.Modules.Recommendations.Serving;

namespace CloudMart.Modules.Recommendations.AlsoBought;

/// <summary>GET /api/recommendations/also-bought/{productId}: what customers who bought this product also bought.</summary>
internal static class AlsoBoughtEndpoint
{
    public static void Map(RouteGroupBuilder recommendations) =>
        recommendations.MapGet("/also-bought/{productId:guid}", HandleAsync)
            .WithName("AlsoBought")
            .WithSummary("Products on sale that customers who bought this one also bought (paid orders only). 404 for an unknown product.")
            .AllowAnonymous();

    internal static async Task<Results<Ok<RecommendationList>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid productId, int? count, ICatalog catalog, CoPurchaseStore store, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var wanted = RecommendationCount.From(count, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var seed = (await store.SeedsAsync([(productId, 1)], cancellationToken))[0];
        var candidates = PersonalRecommender.AlsoBought(store.Recommender, seed, id => id == productId, RecommendationCount.Candidates(wanted));
        var listings = await catalog.FindListingsAsync([productId, .. candidates.Select(c => c.Item)], cancellationToken);
        if (!listings.ContainsKey(productId))
        {
            return ProblemTypes.NotFoundProblem($"There is no product {productId}.");
        }
        var picks = Blend.Fill(wanted, id => RecommendationCards.OnSale(listings, id), candidates);
        RecommendationTelemetry.Served("also-bought", picks.Count);
        return TypedResults.Ok(RecommendationCards.From(picks, listings));
    }

    /// <summary>
    /// What customers who bought any of these products (a cart) also bought, never one of them, under the same
    /// filters as the route; for the storefront's cart page.
    /// </summary>
    internal static async Task<RecommendationList> ForBasketAsync(
        IReadOnlyCollection<Guid> productIds, int count, ICatalog catalog, CoPurchaseStore store, CancellationToken cancellationToken)
    {
        var basket = productIds.Distinct().Take(RecommendationCount.Max).ToHashSet();
        if (basket.Count == 0 || count <= 0)
        {
            return RecommendationList.Empty;
        }
        var wanted = Math.Min(count, RecommendationCount.Max);
        var seeds = await store.SeedsAsync([.. basket.Select(id => (id, 1.0))], cancellationToken);
        var candidates = store.Recommender.Rank(seeds, basket.Contains, RecommendationCount.Candidates(wanted))
            .Select(s => new Pick<Guid>(s.Item, s.Score, ReasonKind.BoughtWith, s.Because)).ToList();
        var listings = await catalog.FindListingsAsync([.. basket, .. candidates.Select(c => c.Item)], cancellationToken);
        var picks = Blend.Fill(wanted, id => !basket.Contains(id) && RecommendationCards.OnSale(listings, id), candidates);
        RecommendationTelemetry.Served("also-bought", picks.Count);
        return RecommendationCards.From(picks, listings);
    }
}
