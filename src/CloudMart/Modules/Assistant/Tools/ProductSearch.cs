using CloudMart.Modules.Catalog.Contracts;

namespace CloudMart.Modules.Assistant.Tools;

/// <summary>
/// Keyword search as people phrase it. The catalog wants every word to match; people say "mugs" for "mug" and add
/// words the catalog lacks, so a search that finds nothing is retried with singular words, then word by word with
/// products ranked by how many words they match.
/// </summary>
internal static class ProductSearch
{
    public static async Task<IReadOnlyList<ProductCard>> SearchAsync(IProductFinder finder, string query, int count, CancellationToken cancellationToken)
    {
        var found = await finder.SearchAsync(query, count, cancellationToken);
        if (found.Count > 0)
        {
            return found;
        }
        var words = Words(query);
        if (words.Count == 0)
        {
            return [];
        }
        var singular = string.Join(' ', words.Select(Singular));
        if (!string.Equals(singular, query, StringComparison.OrdinalIgnoreCase))
        {
            found = await finder.SearchAsync(singular, count, cancellationToken);
            if (found.Count > 0 || words.Count == 1)
            {
                return found;
            }
        }
        var hits = new Dictionary<Guid, (ProductCard Product, int Words)>();
        foreach (var word in words.Select(Singular).Distinct().Take(6))
        {
            foreach (var product in await finder.SearchAsync(word, 20, cancellationToken))
            {
                hits[product.Id] = hits.TryGetValue(product.Id, out var hit) ? (product, hit.Words + 1) : (product, 1);
            }
        }
        return hits.Values.OrderByDescending(h => h.Words).ThenByDescending(h => h.Product.Rating ?? 0).Take(count).Select(h => h.Product).ToList();
    }

    public static IReadOnlyList<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ';', ':', '"', '\'', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 1)
            .ToList();

    /// <summary>A plain English singular, good enough for matching words in product text.</summary>
    public static string Singular(string word) => word switch
    {
        { Length: > 4 } when word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        { Length: > 4 } when word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) => word[..^2],
        { Length: > 3 } when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };
}
