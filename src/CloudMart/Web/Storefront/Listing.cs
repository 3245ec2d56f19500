using CloudMart.Modules.Catalog.SearchProducts;
using CloudMart.Modules.Catalog.BrowseProducts;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Platform;
using CloudMart.Web.Shared;
using Microsoft.Extensions.Options;

namespace CloudMart.Web.Storefront;

/// <summary>A shopper's filters for a product list, as they appear in the page's query string.</summary>
public sealed record ListingFilters(string? Query, string? Category, decimal? MinPrice, decimal? MaxPrice, bool InStock, string? Sort, int Page)
{
    public const int PageSize = 24;

    /// <summary>
    /// The filters from the query string as typed: a value that is not a number (a hand-edited address, an old
    /// bookmark) is left out rather than failing the page, as Blazor's typed query parameters would.
    /// </summary>
    public static ListingFilters FromQuery(string? query, string? category, string? minPrice, string? maxPrice, string? inStock, string? sort, string? page) =>
        new(query, category, Number(minPrice), Number(maxPrice), string.Equals(inStock, "true", StringComparison.OrdinalIgnoreCase), sort,
            int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1);

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The same list at another page (or with another sort), keeping every other filter.</summary>
    public string Href(string path, int? page = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Query)) query.Add(new("q", Query));
        if (MinPrice is { } min) query.Add(new("minPrice", Money.Plain(min)));
        if (MaxPrice is { } max) query.Add(new("maxPrice", Money.Plain(max)));
        if (InStock) query.Add(new("inStock", "true"));
        if (!string.IsNullOrEmpty(Sort)) query.Add(new("sort", Sort));
        var p = page ?? Page;
        if (p > 1) query.Add(new("page", p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return path + QueryString.Create(query).ToUriComponent();
    }
}

/// <summary>One page of products, or the reasons the filters were refused (shown next to the filter fields).</summary>
public sealed record ListingResult(IReadOnlyList<ProductCardModel> Products, int Page, int PageSize, int TotalCount, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly ListingResult Empty = new([], 1, ListingFilters.PageSize, 0, new Dictionary<string, string[]>());
}

/// <summary>Lists products through the catalog's own browse-and-search handler, so the API and the pages agree.</summary>
internal sealed class Listing(CatalogDbContext db, HybridSearch search, IOptions<StoreOptions> store)
{
    public async Task<ListingResult> FindAsync(ListingFilters filters, CancellationToken cancellationToken, int? pageSize = null)
    {
        var outcome = await BrowseProductsEndpoint.HandleAsync(db, search, store, filters.Query, filters.Category, filters.MinPrice, filters.MaxPrice,
            filters.InStock ? true : null, filters.Sort, filters.Page, pageSize ?? ListingFilters.PageSize, cancellationToken);
        if (BrowseProductsEndpoint.PageOf(outcome.Result) is { } page)
        {
            return new ListingResult(page.Items.Select(ProductCardModel.From).ToList(), page.Page, page.PageSize, page.TotalCount, new Dictionary<string, string[]>());
        }
        return outcome.Result is ValidationProblem refused ? ListingResult.Empty with { Errors = refused.ProblemDetails.Errors.ToDictionary() } : ListingResult.Empty;
    }
}
