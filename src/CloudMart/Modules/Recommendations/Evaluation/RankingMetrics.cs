namespace CloudMart.Modules.Recommendations.Evaluation;

/// <summary>
/// Top-k ranking metrics for one user: <paramref name="ranked"/> is the recommended list, best first;
/// <c>relevant</c> the items the user went on to buy (held out).
/// </summary>
internal static class RankingMetrics
{
    /// <summary>Share of the relevant items found in the first k: hits / |relevant|.</summary>
    public static double RecallAt<T>(int k, IReadOnlyList<T> ranked, IReadOnlySet<T> relevant) =>
        relevant.Count == 0 ? 0 : (double)Hits(k, ranked, relevant) / relevant.Count;

    /// <summary>1 when at least one relevant item is in the first k, else 0.</summary>
    public static double HitAt<T>(int k, IReadOnlyList<T> ranked, IReadOnlySet<T> relevant) =>
        Hits(k, ranked, relevant) > 0 ? 1 : 0;

    /// <summary>
    /// Normalised discounted cumulative gain with binary relevance: Σ 1/log2(rank+1) over the hits in the first k,
    /// divided by the same sum for a perfect list (all min(k, |relevant|) relevant items first).
    /// </summary>
    public static double NdcgAt<T>(int k, IReadOnlyList<T> ranked, IReadOnlySet<T> relevant)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                dcg += 1 / Math.Log2(i + 2);
            }
        }
        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            ideal += 1 / Math.Log2(i + 2);
        }
        return dcg / ideal;
    }

    private static int Hits<T>(int k, IReadOnlyList<T> ranked, IReadOnlySet<T> relevant)
    {
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                hits++;
            }
        }
        return hits;
    }
}

/// <summary>Sums of each metric over the users evaluated, for their means.</summary>
internal sealed class MetricTotals(string name, int k)
{
    private double _recall;
    private double _ndcg;
    private double _hits;
    private int _users;

    public string Name { get; } = name;

    public void Add<T>(IReadOnlyList<T> ranked, IReadOnlySet<T> relevant)
    {
        _recall += RankingMetrics.RecallAt(k, ranked, relevant);
        _ndcg += RankingMetrics.NdcgAt(k, ranked, relevant);
        _hits += RankingMetrics.HitAt(k, ranked, relevant);
        _users++;
    }

    public RecommenderScore Score() => _users == 0
        ? new RecommenderScore(Name, 0, 0, 0)
        : new RecommenderScore(Name, _recall / _users, _ndcg / _users, _hits / _users);
}

/// <summary>A recommender's mean metrics at 10 over the users evaluated (fractions 0..1).</summary>
internal sealed record RecommenderScore(string Name, double RecallAt10, double NdcgAt10, double HitRateAt10);
