using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.ListCategories;

namespace CloudMart.Web.Storefront;

/// <summary>The catalog's category list (through its own handler), once per request however many parts of a page ask.</summary>
internal sealed class CategoryDirectory(CatalogDbContext db)
{
    private static readonly string[] Palette = ["#0f5f8c", "#7c3aed", "#b45309", "#047857", "#be123c", "#1d4ed8", "#0e7490", "#a21caf", "#4d7c0f", "#9a3412"];
    private Task<List<CategoryView>>? _all;

    public async Task<IReadOnlyList<CategoryView>> AllAsync(CancellationToken cancellationToken) =>
        await (_all ??= LoadAsync(cancellationToken));

    private async Task<List<CategoryView>> LoadAsync(CancellationToken cancellationToken) =>
        (await ListCategoriesEndpoint.HandleAsync(db, cancellationToken)).Value!;

    /// <summary>A stable colour per name, for tiles and placeholder images (no two runs disagree).</summary>
    public static string Colour(string key)
    {
        var hash = 17u;
        foreach (var c in key)
        {
            hash = unchecked((hash * 31) + c);
        }
        return Palette[hash % (uint)Palette.Length];
    }
}
