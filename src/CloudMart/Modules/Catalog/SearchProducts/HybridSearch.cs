using CloudMart.Modules.Catalog.ProductVectors;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.SearchProducts;

/// <summary>
/// Search by keywords and by meaning at once, fused by reciprocal rank (RRF): a product's score is the sum over the
/// two rankings of 1 / (60 + rank). RRF needs no score calibration between BM25 and cosine, rewards products both
/// halves agree on, and lets either half alone find what the other misses: a typo or a synonym ("sneakers") that no
/// keyword matches, or a SKU and a rare word the model has never seen.
/// </summary>
internal sealed partial class HybridSearch(
    KeywordIndex keywords, SearchVocabulary vocabulary, EmbeddingModel model, ProductVectorIndex vectors,
    IOptions<SearchOptions> options, ILogger<HybridSearch> logger)
{
    /// <summary>The usual RRF constant: damps the gap between the first few ranks so neither list dominates.</summary>
    private const double RankConstant = 60;
    public const int KeywordLimit = 1_000;
    public const int VectorLimit = 200;

    /// <summary>Candidate products on sale with their fused score, best first (archived ones may follow from the vector half; the caller filters).</summary>
    public async Task<IReadOnlyList<(Guid Id, double Score)>> RankAsync(string query, CancellationToken cancellationToken)
    {
        var terms = SearchTerms.Of(query);
        var alternatives = new List<IReadOnlyList<string>>(terms.Count);
        foreach (var term in terms)
        {
            alternatives.Add([term, .. await vocabulary.CorrectionsAsync(term, cancellationToken)]);
        }
        var byKeyword = await keywords.MatchAsync(alternatives, KeywordLimit, cancellationToken);
        var byMeaning = await NearestAsync(query, cancellationToken);

        var scores = new Dictionary<Guid, double>(byKeyword.Count + byMeaning.Count);
        for (var rank = 0; rank < byKeyword.Count; rank++)
        {
            scores[byKeyword[rank]] = 1 / (RankConstant + rank + 1);
        }
        for (var rank = 0; rank < byMeaning.Count; rank++)
        {
            scores[byMeaning[rank]] = scores.GetValueOrDefault(byMeaning[rank]) + (1 / (RankConstant + rank + 1));
        }
        return scores.Select(s => (s.Key, s.Value)).OrderByDescending(s => s.Value).ToList();
    }

    private async Task<IReadOnlyList<Guid>> NearestAsync(string query, CancellationToken cancellationToken)
    {
        try
        {
            var matrix = await vectors.EnsureCurrentAsync(cancellationToken);
            if (matrix is null || matrix.Count == 0)
            {
                return []; // nothing embedded yet: keywords alone answer
            }
            var vector = await model.EmbedAsync(query, cancellationToken);
            var nearest = matrix.Nearest(vector, VectorLimit, options.Value.MinQuerySimilarity);
            if (nearest.Count == 0)
            {
                return [];
            }
            var floor = nearest[0].Score - options.Value.SimilarityWindow;
            return nearest.Where(n => n.Score >= floor).Select(n => n.Id).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A remote embedding endpoint that is down must not take search with it.
            LogVectorSearchFailed(e);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector search failed; answering by keywords only")]
    private partial void LogVectorSearchFailed(Exception exception);
}
