using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.ProductVectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.SearchProducts;

/// <summary>
/// The words of product and category names, for typo tolerance: a query word the catalog does not know is widened
/// to the known words one or two edits away ("hedphones" → "headphones"). Names only, because that is where shoppers
/// aim and it keeps the list small (10⁵ products ≈ 3 MB of names); the vector half of the search covers the rest.
/// Reloaded when older than <see cref="SearchOptions.VocabularyRefreshInterval"/>.
/// </summary>
internal sealed class SearchVocabulary(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SearchOptions> options) : IDisposable
{
    private const int MaxCorrections = 3;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Words? _words;

    /// <summary>Known words within reach of <paramref name="term"/>, best first; empty when the term itself is known or too short to guess.</summary>
    public async Task<IReadOnlyList<string>> CorrectionsAsync(string term, CancellationToken cancellationToken)
    {
        if (term.Length < 4 || term.Any(char.IsAsciiDigit))
        {
            return [];
        }
        var words = await CurrentAsync(cancellationToken);
        if (words.All.Contains(term))
        {
            return [];
        }
        var maxEdits = term.Length >= 8 ? 2 : 1;
        var found = new List<(string Word, int Edits)>();
        for (var length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
        {
            if (!words.ByLength.TryGetValue(length, out var sameLength))
            {
                continue;
            }
            foreach (var word in sameLength)
            {
                var edits = EditDistance.Bounded(term, word, maxEdits);
                if (edits <= maxEdits)
                {
                    found.Add((word, edits));
                }
            }
        }
        return found.OrderBy(f => f.Edits).ThenBy(f => f.Word, StringComparer.Ordinal).Take(MaxCorrections).Select(f => f.Word).ToList();
    }

    private async Task<Words> CurrentAsync(CancellationToken cancellationToken)
    {
        var words = _words;
        if (words is not null && clock.GetUtcNow() - words.LoadedAt < options.Value.VocabularyRefreshInterval)
        {
            return words;
        }
        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (_words is not null && clock.GetUtcNow() - _words.LoadedAt < options.Value.VocabularyRefreshInterval)
            {
                return _words;
            }
            _words = await LoadAsync(cancellationToken);
            return _words;
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task<Words> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var archived = false;
        var all = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var name in db.Products.AsNoTracking().Where(p => p.IsArchived == archived).Select(p => p.Name).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            all.UnionWith(SearchTerms.Of(name).Where(w => w.Length >= 3));
        }
        foreach (var name in await db.Categories.AsNoTracking().Select(c => c.Name).ToListAsync(cancellationToken))
        {
            all.UnionWith(SearchTerms.Of(name).Where(w => w.Length >= 3));
        }
        var byLength = all.GroupBy(w => w.Length).ToDictionary(g => g.Key, g => g.ToArray());
        return new Words(all, byLength, clock.GetUtcNow());
    }

    public void Dispose() => _reload.Dispose();

    private sealed record Words(HashSet<string> All, Dictionary<int, string[]> ByLength, DateTimeOffset LoadedAt);
}

internal static class EditDistance
{
    /// <summary>Optimal string alignment distance (a swap of neighbours is one edit), or max + 1 once it must exceed max.</summary>
    public static int Bounded(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return Math.Min(previous[b.Length], max + 1);
    }
}
