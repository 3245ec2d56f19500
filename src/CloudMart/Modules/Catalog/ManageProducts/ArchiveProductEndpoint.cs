using CloudMart.Modules.Catalog.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ManageProducts;

/// <summary>DELETE /api/catalog/products/{id} (admin): archive, so old orders keep their product but nobody can buy it.</summary>
internal static class ArchiveProductEndpoint
{
    public static void Map(RouteGroupBuilder catalog) =>
        catalog.MapDelete("/products/{id:guid}", HandleAsync)
            .WithName("ArchiveProduct")
            .WithSummary("Archive a product (admin): it leaves the lists and can no longer be bought.")
            .RequireAuthorization(Policies.Admin);

    internal static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, CatalogDbContext db, ProductWriter writer, UnitOfWork unitOfWork, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Results<NoContent, ProblemHttpResult>>(async ct =>
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id && !p.IsArchived, ct);
            if (product is null)
            {
                return ProblemTypes.NotFoundProblem("There is no such product.");
            }
            await writer.ArchiveAsync(product);
            return TypedResults.NoContent();
        }, cancellationToken);
}
