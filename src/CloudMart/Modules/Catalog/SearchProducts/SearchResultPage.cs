namespace CloudMart.Modules.Catalog.SearchProducts;

/// <summary>A page of search results: the paged list's fields plus category facets (API v1, additive).</summary>
internal sealed record SearchResultPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int TotalCount, SearchFacets Facets);

internal sealed record SearchFacets(IReadOnlyList<CategoryFacet> Categories);

/// <summary>How many products matching the query (and every filter but the category) are in this category.</summary>
internal sealed record CategoryFacet(string Slug, string Name, int Count);
