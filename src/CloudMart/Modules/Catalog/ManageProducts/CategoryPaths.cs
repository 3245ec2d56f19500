using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ManageProducts;

/// <summary>
/// Categories as a shop owner writes them: a display name ("Kitchen &amp; Dining") or a path of names from the top
/// ("Home &gt; Kitchen &gt; Mugs"). A path names each level's category by its display name under its parent (or, for
/// categories the shop already has, by its slug), and missing levels are created with a slug derived from the name.
/// </summary>
internal static class CategoryPaths
{
    public const char Separator = '>';
    public const int MaxDepth = 5;
    public const int MaxNameLength = 80;

    /// <summary>The names of a path, or null (with a message under <paramref name="field"/>) when it is not a usable category.</summary>
    public static IReadOnlyList<string>? Parse(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.Add(field, $"{field} is required.");
            return null;
        }
        var names = text.Split(Separator).Select(n => n.Trim()).ToList();
        if (names.Any(n => n.Length == 0))
        {
            validation.Add(field, $"{field} '{Shorten(text)}' has an empty level; write a path as \"Home > Kitchen > Mugs\".");
            return null;
        }
        if (names.Count > MaxDepth)
        {
            validation.Add(field, $"{field} has {names.Count} levels; at most {MaxDepth} are allowed.");
            return null;
        }
        foreach (var name in names)
        {
            if (name.Length > MaxNameLength)
            {
                validation.Add(field, $"{field}: each level's name must be at most {MaxNameLength} characters.");
                return null;
            }
            if (TextRules.Problem(name) is { } problem)
            {
                validation.Add(field, $"{field} {problem}.");
                return null;
            }
            if (Slugs.From(name).Length == 0 && !name.Any(char.IsLetterOrDigit))
            {
                validation.Add(field, $"{field} '{Shorten(name)}' needs at least one letter or digit.");
                return null;
            }
        }
        return names;
    }

    /// <summary>"Home &gt; Kitchen &gt; Mugs" for a category, from the top.</summary>
    public static string PathOf(Category category, IReadOnlyDictionary<Guid, Category> all)
    {
        var names = new List<string>();
        for (Category? c = category; c is not null && names.Count <= MaxDepth * 2; c = c.ParentId is { } parent ? all.GetValueOrDefault(parent) : null)
        {
            names.Add(c.Name);
        }
        names.Reverse();
        return string.Join($" {Separator} ", names);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";
}

/// <summary>
/// Finds the categories of paths in one catalog, creating missing ones (tracked by the context, saved with the caller's
/// unit of work). Slugs are unique and stable: derived once from the name (prefixed by the parent's slug, then numbered,
/// when taken) and never changed by later imports, which find the category again by its name under its parent.
/// </summary>
internal sealed class CategoryResolver
{
    private readonly CatalogDbContext _db;
    private readonly List<Category> _all;
    private readonly HashSet<string> _slugs;

    private CategoryResolver(CatalogDbContext db, List<Category> all)
    {
        _db = db;
        _all = all;
        _slugs = all.Select(c => c.Slug).ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<CategoryResolver> LoadAsync(CatalogDbContext db, CancellationToken cancellationToken) =>
        new(db, await db.Categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(cancellationToken));

    /// <summary>Paths of the categories created so far, in the order they were created.</summary>
    public List<string> Created { get; } = [];

    /// <summary>The existing category a path names, or null when some level does not exist yet.</summary>
    public Category? Find(IReadOnlyList<string> names)
    {
        Category? parent = null;
        for (var level = 0; level < names.Count; level++)
        {
            var found = Child(parent, names[level], alone: names.Count == 1);
            if (found is null)
            {
                return null;
            }
            parent = found;
        }
        return parent;
    }

    /// <summary>The category a path names, creating every missing level.</summary>
    public Category Resolve(IReadOnlyList<string> names)
    {
        Category? parent = null;
        for (var level = 0; level < names.Count; level++)
        {
            parent = Child(parent, names[level], alone: names.Count == 1) ?? Create(parent, names[level], names.Take(level + 1));
        }
        return parent!;
    }

    private Category? Child(Category? parent, string name, bool alone)
    {
        var siblings = _all.Where(c => c.ParentId == parent?.Id).ToList();
        var byName = siblings.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? siblings.FirstOrDefault(c => string.Equals(c.Slug, name, StringComparison.Ordinal));
        if (byName is not null || !alone)
        {
            return byName;
        }
        // A single name may be any existing category, at any depth, by slug or by a name no other category has.
        return _all.FirstOrDefault(c => string.Equals(c.Slug, name, StringComparison.Ordinal))
            ?? (_all.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null);
    }

    private Category Create(Category? parent, string name, IEnumerable<string> path)
    {
        var category = new Category
        {
            Id = Guid.CreateVersion7(),
            Slug = UniqueSlug(parent, name),
            Name = name,
            ParentId = parent?.Id,
            SortOrder = _all.Count,
        };
        _all.Add(category);
        _slugs.Add(category.Slug);
        _db.Categories.Add(category);
        Created.Add(string.Join($" {CategoryPaths.Separator} ", path));
        return category;
    }

    private string UniqueSlug(Category? parent, string name)
    {
        var own = Slugs.From(name, 60);
        if (own.Length == 0)
        {
            own = "category";
        }
        if (!_slugs.Contains(own))
        {
            return own;
        }
        var prefixed = parent is null ? own : Slugs.From($"{parent.Slug} {own}", 70);
        if (!_slugs.Contains(prefixed))
        {
            return prefixed;
        }
        for (var n = 2; ; n++)
        {
            var numbered = $"{prefixed}-{n}";
            if (!_slugs.Contains(numbered))
            {
                return numbered;
            }
        }
    }
}
