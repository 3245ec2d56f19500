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
        var (result, etag) = await FindAsync(idOrSlug, db, store, cancellationToken);
        if (etag is not null)
        {
            http.Response.Headers.ETag = etag;
        }
        return result;
    }

    /// <summary>The product and its ETag, for callers that are not answering an HTTP request about it.</summary>
    internal static async Task<(Results<Ok<ProductDetails>, ProblemHttpResult> Result, string? ETag)> FindAsync(
        string idOrSlug, CatalogDbContext db, IOptions<StoreOptions> store, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking().Include(p => p.Category).Where(p => !p.IsArchived);
        var product = Guid.TryParse(idOrSlug, out var id)
            ? await products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            : idOrSlug.Length <= 140
                ? await products.FirstOrDefaultAsync(p => p.Slug == idOrSlug.ToLowerInvariant(), cancellationToken)
                : null;
        if (product is null)
        {
            return (ProblemTypes.NotFoundProblem(idOrSlug.Length <= 60 && TextRules.Problem(idOrSlug) is null ? $"There is no product '{idOrSlug}' on sale." : "There is no such product on sale."), null);
        }
        return (TypedResults.Ok(ProductViews.Details(product, product.Category!, store.Value.Currency)), product.ETag);
    }
}
