using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Recommendations.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Recommendations.ForMe;

/// <summary>POST /api/recommendations/views/{productId}: the storefront tells that the signed-in customer looked at a product.</summary>
internal static class RecordViewEndpoint
{
    public static void Map(RouteGroupBuilder recommendations) =>
        recommendations.MapPost("/views/{productId:guid}", HandleAsync)
            .WithName("RecordProductView")
            .WithSummary("Record that the signed-in customer viewed a product (shapes their for-me list). 204; 404 for an unknown or archived product.")
            .RequireAuthorization(Policies.SignedIn);

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid productId, ClaimsPrincipal user, ICatalog catalog, RecommendationsDbContext db, UnitOfWork unitOfWork, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var product = (await catalog.FindForSaleAsync([productId], cancellationToken)).GetValueOrDefault(productId);
        if (product is null || product.IsArchived)
        {
            return ProblemTypes.NotFoundProblem($"There is no product {productId} on sale.");
        }
        var customerId = user.Id();
        var now = clock.GetUtcNow().UtcDateTime;
        await unitOfWork.ExecuteAsync(ct => db.Database.ExecuteSqlAsync(
            $"""INSERT INTO recommendations_views ("CustomerId", "ProductId", "Views", "LastViewedAt") VALUES ({customerId}, {productId}, 1, {now}) ON CONFLICT ("CustomerId", "ProductId") DO UPDATE SET "Views" = recommendations_views."Views" + 1, "LastViewedAt" = excluded."LastViewedAt" """,
            ct), cancellationToken);
        return TypedResults.NoContent();
    }
}
