namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>Bound from <c>CloudMart:Search</c>.</summary>
internal sealed class SearchOptions
{
    public const string Section = "CloudMart:Search";

    /// <summary>Embed products missing a current vector when the shop starts (in processes that run the relay).</summary>
    public bool EmbedOnStart { get; set; } = true;

    /// <summary>How stale another process's vector writes may be in this process's index.</summary>
    public TimeSpan IndexRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How old the word list for typo correction may get before a search reloads it.</summary>
    public TimeSpan VocabularyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Cosine similarity a product needs to count as a meaning match of a query. Below it, all-MiniLM-L6-v2 finds
    /// only loose associations; "sneakers" to running shoes scores well above it.
    /// </summary>
    public float MinQuerySimilarity { get; set; } = 0.35f;

    /// <summary>
    /// How far below the best meaning match a product may score and still count. Cosines of a short query spread
    /// little (0.55 for the right product, 0.45 for a loosely related one), so an absolute floor alone lets in too much.
    /// </summary>
    public float SimilarityWindow { get; set; } = 0.08f;
}
