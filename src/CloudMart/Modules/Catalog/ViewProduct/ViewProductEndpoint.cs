using CloudMart.Modules.Catalog.Data;
using CloudMart.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.ViewProduct;

/// <summary>GET /api/catalog/products/{idOrSlug}: one product on sale, with its ETag.</summary>
internal static class ViewProductEndpoint
{
    public static void Map(RouteGroupBuilder catalog) =>
        catalog.MapGet("/products/{idOrSlug}", HandleAsync)
            .WithName("ViewProduct")
            .CacheOutput(CatalogPages.Policy)
            .WithSummary("One product by id or slug.")
            .AllowAnonymous();

    internal static async Task<Results<Ok<ProductDetails>, ProblemHttpResult>> HandleAsync(
        string idOrSlug, CatalogDbContext db, IOptions<StoreOptions> store, HttpContext http, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking().Include(p => p.Category).Where(p => !p.IsArchived);
        var product = Guid.TryParse(idOrSlug, out var id)
            ? await products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            : idOrSlug.Length <= 140
                ? await products.FirstOrDefaultAsync(p => p.Slug == idOrSlug.ToLowerInvariant(), cancellationToken)
                : null;
        if (product is null)
        {
            return ProblemTypes.NotFoundProblem(idOrSlug.Length <= 60 && TextRules.Problem(idOrSlug) is null ? $"There is no product '{idOrSlug}' on sale." : "There is no such product on sale.");
        }
        http.Response.Headers.ETag = product.ETag;
        return TypedResults.Ok(ProductViews.Details(product, product.Category!, store.Value.Currency));
    }
}
