using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Recommendations.Model;
using CloudMart.Modules.Recommendations.Serving;

namespace CloudMart.Modules.Recommendations.Similar;

/// <summary>GET /api/recommendations/similar/{productId}: products most like this one by content (the catalog's product vectors).</summary>
internal static class SimilarProductsEndpoint
{
    public static void Map(RouteGroupBuilder recommendations) =>
        recommendations.MapGet("/similar/{productId:guid}", HandleAsync)
            .WithName("SimilarProducts")
            .WithSummary("Products on sale most like this one by name, description and attributes. 404 for an unknown product.")
            .AllowAnonymous();

    internal static async Task<Results<Ok<RecommendationList>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid productId, int? count, ICatalog catalog, [FromServices] IProductSimilarity similarity, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var wanted = RecommendationCount.From(count, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var similar = await similarity.SimilarToAsync(productId, RecommendationCount.Candidates(wanted), cancellationToken);
        var listings = await catalog.FindListingsAsync([productId, .. similar.Select(s => s.ProductId)], cancellationToken);
        if (!listings.ContainsKey(productId))
        {
            return ProblemTypes.NotFoundProblem($"There is no product {productId}.");
        }
        var picks = Blend.Fill(wanted, id => id != productId && RecommendationCards.OnSale(listings, id),
            similar.Select(s => new Pick<Guid>(s.ProductId, Math.Clamp(s.Score, 0, 1), ReasonKind.SimilarTo, productId)));
        RecommendationTelemetry.Served("similar", picks.Count);
        return TypedResults.Ok(RecommendationCards.From(picks, listings));
    }
}
