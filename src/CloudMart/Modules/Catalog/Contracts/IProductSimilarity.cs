namespace CloudMart.Modules.Catalog.Contracts;

/// <summary>
/// Content similarity over the catalog's product vectors (the embeddings the catalog keeps for hybrid search).
/// Archived products are never returned; stock is the caller's concern.
/// </summary>
public interface IProductSimilarity
{
    /// <summary>The products most like the given one (never itself), best first; empty when it is unknown or not yet embedded.</summary>
    Task<IReadOnlyList<SimilarProduct>> SimilarToAsync(Guid productId, int count, CancellationToken cancellationToken);

    /// <summary>The products nearest to the mean of the given ones' vectors (a taste profile), excluding them, best first.</summary>
    Task<IReadOnlyList<SimilarProduct>> NearestToAllAsync(IReadOnlyCollection<Guid> productIds, int count, CancellationToken cancellationToken);
}

/// <summary>A product and its cosine similarity (−1..1) to what was asked about.</summary>
public sealed record SimilarProduct(Guid ProductId, float Score);
