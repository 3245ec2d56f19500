using CloudMart.Modules.Catalog.BrowseProducts;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.SearchProducts;
using CloudMart.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.ManageProducts;

/// <summary>A product as the back-office form opens it: its details and the ETag a later save must match.</summary>
internal sealed record ProductForEditing(ProductDetails Product, string ETag);

internal sealed record CategoryChoice(string Slug, string Name);

/// <summary>
/// The catalog's product slices for the back-office pages: the same handlers, rules and events as the admin API,
/// with the ETag carried in the form instead of an If-Match header.
/// </summary>
internal sealed class ProductEditing(CatalogDbContext db, HybridSearch search, ProductWriter writer, UnitOfWork unitOfWork, IOptions<StoreOptions> store)
{
    public string Currency => store.Value.Currency;

    public async Task<PagedList<ProductSummary>?> BrowseAsync(string? query, int page, int pageSize, CancellationToken cancellationToken) =>
        BrowseProductsEndpoint.PageOf((await BrowseProductsEndpoint.HandleAsync(db, search, store, query, null, null, null, null, query is null ? "name" : "relevance", page, pageSize, cancellationToken)).Result);

    public async Task<ProductForEditing?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id && !p.IsArchived, cancellationToken);
        return product is null ? null : new ProductForEditing(ProductViews.Details(product, product.Category!, store.Value.Currency), product.ETag);
    }

    /// <summary>Every category as its path from the top ("Home › Kitchen › Mugs"), in path order, so the form shows the hierarchy.</summary>
    public async Task<IReadOnlyList<CategoryChoice>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        return all.Values
            .Select(c => new CategoryChoice(c.Slug, CategoryPaths.PathOf(c, all).Replace($" {CategoryPaths.Separator} ", " › ", StringComparison.Ordinal)))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public Task<Results<Created<ProductDetails>, ValidationProblem, ProblemHttpResult>> CreateAsync(ProductInput input, HttpContext http, CancellationToken cancellationToken) =>
        AddProductEndpoint.HandleAsync(input, db, writer, unitOfWork, store, http, cancellationToken);

    public Task<Results<Ok<ProductDetails>, ValidationProblem, ProblemHttpResult>> ReviseAsync(Guid id, ProductInput input, string etag, HttpContext http, CancellationToken cancellationToken) =>
        ReviseProductEndpoint.ReviseAsync(id, input, etag, http.Response.Headers, db, writer, unitOfWork, store, cancellationToken);

    public Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(Guid id, CancellationToken cancellationToken) =>
        ArchiveProductEndpoint.HandleAsync(id, db, writer, unitOfWork, cancellationToken);
}
