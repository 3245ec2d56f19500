using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.SearchProducts;
using CloudMart.Platform;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.BrowseProducts;

/// <summary>GET /api/catalog/products: filter, search (hybrid: keywords and meaning), sort and page the products on sale.</summary>
internal static class BrowseProductsEndpoint
{
    private static readonly string[] Sorts = ["relevance", "price", "-price", "newest", "rating", "name"];

    public static void Map(RouteGroupBuilder catalog) =>
        catalog.MapGet("/products", HandleAsync)
            .WithName("BrowseProducts")
            .CacheOutput(CatalogPages.Policy)
            .WithSummary("List products on sale, with search, filters, sorting and paging.")
            .AllowAnonymous();

    /// <summary>The products a browse answered with, as a plain page or a search page with facets; null when the filters were refused.</summary>
    internal static PagedList<ProductSummary>? PageOf(IResult result) => result switch
    {
        Ok<PagedList<ProductSummary>> { Value: { } page } => page,
        Ok<SearchResultPage> { Value: { } found } => new PagedList<ProductSummary>(found.Items, found.Page, found.PageSize, found.TotalCount),
        _ => null,
    };

    internal static async Task<Results<Ok<PagedList<ProductSummary>>, Ok<SearchResultPage>, ValidationProblem>> HandleAsync(
        CatalogDbContext db,
        HybridSearch hybridSearch,
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
        var categoryIds = categorySlug is null ? null : await CategoryTree.WithDescendantsAsync(db, categorySlug.ToLowerInvariant(), cancellationToken);
        if (search is not null && SearchTerms.Of(search).Count > 0)
        {
            return TypedResults.Ok(await SearchAsync(db, hybridSearch, products, categoryIds, search, order, paging, store.Value.Currency, cancellationToken));
        }
        if (categoryIds is not null)
        {
            products = products.Where(p => categoryIds.Contains(p.CategoryId));
        }
        if (search is not null)
        {
            // Only separators ("--", "&&"): no word to look for, so nothing matches.
            return TypedResults.Ok(new PagedList<ProductSummary>([], paging.Page, paging.PageSize, 0));
        }

        var total = await products.CountAsync(cancellationToken);
        var items = await Sort(products, order).Skip(paging.Skip).Take(paging.PageSize)
            .Select(ProductViews.Summary(store.Value.Currency))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<ProductSummary>(items, paging.Page, paging.PageSize, total));
    }

    /// <summary>
    /// Search: hybrid candidates, narrowed by the filters in SQL; category facets count every filter but the
    /// category itself (so a shopper sees where else the query finds things). Relevance order unless a sort is asked.
    /// </summary>
    private static async Task<SearchResultPage> SearchAsync(
        CatalogDbContext db, HybridSearch hybridSearch, IQueryable<Product> filtered, List<Guid>? categoryIds, string search,
        string order, PageRequest paging, string currency, CancellationToken cancellationToken)
    {
        var ranked = await hybridSearch.RankAsync(search, cancellationToken);
        var candidateIds = ranked.Select(r => r.Id).ToList();
        var candidates = await filtered.Where(p => candidateIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.CategoryId })
            .ToListAsync(cancellationToken);
        var facets = await FacetsAsync(db, candidates.Select(c => c.CategoryId), cancellationToken);
        var matching = categoryIds is null ? candidates : candidates.Where(c => categoryIds.Contains(c.CategoryId)).ToList();

        List<ProductSummary> items;
        if (order == "relevance")
        {
            var score = ranked.ToDictionary(r => r.Id, r => r.Score);
            var phrase = search.Trim().ToLowerInvariant();
            // A name that is the query, then names that contain it, then the fused rank.
            var pageIds = matching
                .OrderByDescending(c => c.Name.Equals(phrase, StringComparison.OrdinalIgnoreCase) ? 2 : c.Name.Contains(phrase, StringComparison.OrdinalIgnoreCase) ? 1 : 0)
                .ThenByDescending(c => score[c.Id])
                .ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id)
                .Skip(paging.Skip).Take(paging.PageSize)
                .Select(c => c.Id).ToList();
            var summaries = await db.Products.AsNoTracking().Where(p => pageIds.Contains(p.Id))
                .Select(ProductViews.Summary(currency))
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            items = pageIds.Where(summaries.ContainsKey).Select(id => summaries[id]).ToList();
        }
        else
        {
            var matchingIds = matching.Select(c => c.Id).ToList();
            items = await Sort(db.Products.AsNoTracking().Where(p => matchingIds.Contains(p.Id)), order)
                .Skip(paging.Skip).Take(paging.PageSize)
                .Select(ProductViews.Summary(currency))
                .ToListAsync(cancellationToken);
        }
        return new SearchResultPage(items, paging.Page, paging.PageSize, matching.Count, facets);
    }

    private static async Task<SearchFacets> FacetsAsync(CatalogDbContext db, IEnumerable<Guid> categoryOfEachMatch, CancellationToken cancellationToken)
    {
        var counts = categoryOfEachMatch.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var ids = counts.Keys.ToList();
        var categories = await db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Slug, c.Name })
            .ToListAsync(cancellationToken);
        return new SearchFacets(categories
            .Select(c => new CategoryFacet(c.Slug, c.Name, counts[c.Id]))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList());
    }

    private static IQueryable<Product> Sort(IQueryable<Product> products, string order) => order switch
    {
        "price" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
        "-price" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
        "newest" => products.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
        "rating" => products.OrderByDescending(p => p.Rating ?? 0).ThenByDescending(p => p.ReviewCount).ThenBy(p => p.Id),
        "name" => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
        _ => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
    };
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
