namespace CloudMart.Modules.Recommendations.Model;

/// <summary>A product bought by some of the same customers as a seed product.</summary>
/// <param name="Together">Customers who bought both.</param>
/// <param name="Buyers">Customers who bought this one.</param>
internal readonly record struct Neighbour<T>(T Item, int Together, int Buyers);

/// <summary>A product a recommendation starts from (the one asked about, or one from a customer's history) and its neighbourhood.</summary>
internal sealed record Seed<T>(T Item, double Weight, int Buyers, IReadOnlyList<Neighbour<T>> Neighbours);

/// <summary>A candidate and its score; <paramref name="Because"/> is the seed that contributed most.</summary>
internal readonly record struct Scored<T>(T Item, double Score, T Because);

/// <summary>
/// Item-to-item collaborative filtering on co-purchases ("customers who bought X also bought Y"). Similarity is the
/// cosine of the two products' buyer sets, |A∩B| / √(|A|·|B|), so a best-seller bought by everyone does not look
/// related to everything; pairs bought together by fewer than <c>minSupport</c> customers are ignored as noise.
/// The same code serves the API (counts read from the database) and the offline evaluation (counts in memory).
/// </summary>
internal sealed class CoPurchaseRecommender(int minSupport)
{
    public int MinSupport { get; } = Math.Max(1, minSupport);

    public static double Cosine(int together, int buyersA, int buyersB) =>
        buyersA <= 0 || buyersB <= 0 ? 0 : together / Math.Sqrt((double)buyersA * buyersB);

    /// <summary>
    /// Candidates scored by their weighted mean similarity to the seeds (0..1), best first, at most <paramref name="count"/>.
    /// Excluded items (the seeds' own purchases, the product asked about) never appear; ties go to the more bought.
    /// </summary>
    public List<Scored<T>> Rank<T>(IReadOnlyList<Seed<T>> seeds, Func<T, bool> excluded, int count)
        where T : notnull
    {
        var totalWeight = seeds.Sum(s => s.Weight);
        if (totalWeight <= 0 || count <= 0)
        {
            return [];
        }
        var candidates = new Dictionary<T, Accumulated<T>>();
        foreach (var seed in seeds)
        {
            foreach (var neighbour in seed.Neighbours)
            {
                if (neighbour.Together < MinSupport || EqualityComparer<T>.Default.Equals(neighbour.Item, seed.Item) || excluded(neighbour.Item))
                {
                    continue;
                }
                var contribution = seed.Weight * Cosine(neighbour.Together, seed.Buyers, neighbour.Buyers);
                candidates[neighbour.Item] = candidates.TryGetValue(neighbour.Item, out var so)
                    ? so.Add(contribution, seed.Item)
                    : new Accumulated<T>(contribution, contribution, seed.Item, neighbour.Buyers);
            }
        }
        var comparer = Comparer<T>.Default;
        return candidates
            .OrderByDescending(c => c.Value.Score)
            .ThenByDescending(c => c.Value.Buyers)
            .ThenBy(c => c.Key, comparer)
            .Take(count)
            .Select(c => new Scored<T>(c.Key, Math.Min(1, c.Value.Score / totalWeight), c.Value.Because))
            .ToList();
    }

    private readonly record struct Accumulated<T>(double Score, double Best, T Because, int Buyers)
    {
        public Accumulated<T> Add(double contribution, T seed) =>
            contribution > Best ? new(Score + contribution, contribution, seed, Buyers) : this with { Score = Score + contribution };
    }
}
