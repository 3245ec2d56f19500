using CloudMart.Modules.Catalog.Data;
using CloudMart.Platform;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.BrowseProducts;

/// <summary>GET /api/catalog/products: filter, search, sort and page the products on sale.</summary>
internal static class BrowseProductsEndpoint
{
    private static readonly string[] Sorts = ["relevance", "price", "-price", "newest", "rating", "name"];

    public static void Map(RouteGroupBuilder catalog) =>
        catalog.MapGet("/products", HandleAsync)
            .WithName("BrowseProducts")
            .CacheOutput(CatalogPages.Policy)
            .WithSummary("List products on sale, with search, filters, sorting and paging.")
            .AllowAnonymous();

    internal static async Task<Results<Ok<PagedList<ProductSummary>>, ValidationProblem>> HandleAsync(
        CatalogDbContext db,
        Microsoft.Extensions.Options.IOptions<StoreOptions> store,
        string? q,
        string? category,
        decimal? minPrice,
        decimal? maxPrice,
        bool? inStock,
        string? sort,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        var search = validation.OptionalText(q, "q", 200);
        var categorySlug = validation.OptionalText(category, "category", 80);
        validation.Check(minPrice is null or >= 0 and <= 1_000_000, "minPrice", "minPrice must be between 0 and 1000000.");
        validation.Check(maxPrice is null or >= 0 and <= 1_000_000, "maxPrice", "maxPrice must be between 0 and 1000000.");
        validation.Check(minPrice is null || maxPrice is null || minPrice <= maxPrice, "maxPrice", "maxPrice must not be below minPrice.");
        var order = sort ?? "relevance";
        validation.Check(Sorts.Contains(order), "sort", $"sort must be one of: {string.Join(", ", Sorts)}.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        // Compared with a parameter, not negated: SQLite uses the (IsArchived, Name, Id) index only for "= @value".
        var archived = false;
        var products = db.Products.AsNoTracking().Where(p => p.IsArchived == archived);
        if (categorySlug is not null)
        {
            var categoryIds = await CategoryTree.WithDescendantsAsync(db, categorySlug.ToLowerInvariant(), cancellationToken);
            products = products.Where(p => categoryIds.Contains(p.CategoryId));
        }
        if (minPrice is { } min)
        {
            products = products.Where(p => p.Price >= min);
        }
        if (maxPrice is { } max)
        {
            products = products.Where(p => p.Price <= max);
        }
        if (inStock == true)
        {
            products = products.Where(p => p.Available > 0);
        }
        var terms = KeywordSearch.Terms(search);
        foreach (var term in terms)
        {
            products = products.Where(p => p.SearchText.Contains(term));
        }

        var total = await products.CountAsync(cancellationToken);
        var sorted = Sort(products, order, search?.ToLowerInvariant());
        var items = await sorted.Skip(paging.Skip).Take(paging.PageSize)
            .Select(ProductViews.Summary(store.Value.Currency))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<ProductSummary>(items, paging.Page, paging.PageSize, total));
    }

    private static IQueryable<Product> Sort(IQueryable<Product> products, string order, string? phrase) => order switch
    {
        "price" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
        "-price" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
        "newest" => products.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
        "rating" => products.OrderByDescending(p => p.Rating ?? 0).ThenByDescending(p => p.ReviewCount).ThenBy(p => p.Id),
        "name" => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
        _ when phrase is not null => products
            .OrderBy(p => p.Name.ToLower().Contains(phrase) ? 0 : p.Sku.ToLower() == phrase ? 0 : 1)
            .ThenBy(p => p.Name).ThenBy(p => p.Id),
        _ => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
    };
}

internal static class KeywordSearch
{
    /// <summary>Lower-cased words of a query; every one must appear in the product's text.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : query.ToLowerInvariant()
                .Split([' ', ',', '.', '/', '(', ')', '&', '+', ':', '"', '\''], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(term => term.Length > 0)
                .Distinct()
                .Take(8)
                .ToList();
}

internal static class CategoryTree
{
    /// <summary>The category with this slug and every category below it; empty when the slug is unknown.</summary>
    public static async Task<List<Guid>> WithDescendantsAsync(CatalogDbContext db, string slug, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Slug, c.ParentId }).ToListAsync(cancellationToken);
        var root = categories.FirstOrDefault(c => c.Slug == slug);
        if (root is null)
        {
            return [];
        }
        var result = new List<Guid> { root.Id };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(categories.Where(c => c.ParentId == result[i]).Select(c => c.Id));
        }
        return result;
    }
}
