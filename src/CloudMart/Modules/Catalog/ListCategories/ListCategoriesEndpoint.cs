using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ListCategories;

internal sealed record CategoryView(Guid Id, string Slug, string Name, string Description, Guid? ParentId, int ProductCount);

/// <summary>
/// GET /api/catalog/categories: every category with the number of products on sale in it, its subcategories'
/// included (as a category's page lists them), so "Home" with only "Home &gt; Kitchen &gt; Mugs" under it is not empty.
/// </summary>
internal static class ListCategoriesEndpoint
{
    public static void Map(RouteGroupBuilder catalog) =>
        catalog.MapGet("/categories", HandleAsync)
            .WithName("ListCategories")
            .CacheOutput(CatalogPages.Policy)
            .WithSummary("All categories with their product counts.")
            .AllowAnonymous();

    internal static async Task<Ok<List<CategoryView>>> HandleAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.Products.AsNoTracking().Where(p => !p.IsArchived)
            .GroupBy(p => p.CategoryId)
            .Select(g => new { CategoryId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CategoryId, g => g.Count, cancellationToken);
        var categories = await db.Categories.AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .ToListAsync(cancellationToken);
        var withDescendants = categories.ToDictionary(c => c.Id, c => counts.GetValueOrDefault(c.Id));
        foreach (var category in categories)
        {
            var direct = counts.GetValueOrDefault(category.Id);
            var seen = new HashSet<Guid> { category.Id };
            for (var parent = category.ParentId; parent is { } id && seen.Add(id) && withDescendants.ContainsKey(id);
                 parent = categories.First(c => c.Id == id).ParentId)
            {
                withDescendants[id] += direct;
            }
        }
        return TypedResults.Ok(categories
            .Select(c => new CategoryView(c.Id, c.Slug, c.Name, c.Description, c.ParentId, withDescendants[c.Id]))
            .ToList());
    }
}
