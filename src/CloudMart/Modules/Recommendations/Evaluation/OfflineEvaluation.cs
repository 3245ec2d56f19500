using CloudMart.Modules.Recommendations.Model;

namespace CloudMart.Modules.Recommendations.Evaluation;

internal sealed record EvaluationReport(int Users, int Interactions, int Items, long Pairs, IReadOnlyList<RecommenderScore> Recommenders);

/// <summary>A step of the evaluation and how far it is (0..1).</summary>
internal sealed record EvaluationProgress(string Step, double Fraction);

/// <summary>
/// Leave-last-basket-out evaluation: each user's last basket (or, without baskets, their interactions at their
/// latest timestamp) is held out; the model learns from everything else; each recommender then ranks 10 items per
/// user and is scored on the held-out items the user had not bought before (already bought items are never
/// recommended, so a repeat purchase cannot be found). Users with no earlier history, or nothing new in their last
/// basket, are not counted. The recommenders are the API's own code over counts held in memory:
/// <list type="bullet">
/// <item><c>popularity</c> — the baseline: best-sellers the user has not bought.</item>
/// <item><c>co-purchase</c> — also-bought for the user's most recent earlier item (GET also-bought/{id}).</item>
/// <item><c>user-history</c> — the for-me ranking over the user's earlier items, made up with best-sellers.</item>
/// </list>
/// </summary>
internal static class OfflineEvaluation
{
    public const int K = 10;

    public static EvaluationReport Run(InteractionLog log, RecommendationOptions options, IProgress<EvaluationProgress>? progress = null)
    {
        var split = Split(log);
        var itemCount = log.ItemNames.Count;
        var trainingBaskets = new int[log.UserNames.Count][];
        for (var user = 0; user < trainingBaskets.Length; user++)
        {
            trainingBaskets[user] = split.History[user].Select(i => log.Items[i]).Distinct().ToArray();
        }
        var counts = CoPurchaseCounts.Build(trainingBaskets, itemCount, options.MinSupport, options.NeighbourLimit,
            new SyncProgress<int>(done => progress?.Report(new EvaluationProgress("Counting co-purchases", (double)done / Math.Max(1, itemCount)))));
        var recommender = new CoPurchaseRecommender(options.MinSupport);
        var mostBought = counts.MostBought(itemCount);

        var popularity = new MetricTotals("popularity", K);
        var coPurchase = new MetricTotals("co-purchase", K);
        var userHistory = new MetricTotals("user-history", K);
        var owned = new int[itemCount];
        var noViews = new HashSet<int>();
        var evaluated = 0;
        for (var user = 0; user < trainingBaskets.Length; user++)
        {
            if ((user & 1023) == 0)
            {
                progress?.Report(new EvaluationProgress("Evaluating users", (double)user / trainingBaskets.Length));
            }
            var history = split.History[user];
            if (history.Count == 0)
            {
                continue;
            }
            var stamp = user + 1;
            foreach (var item in trainingBaskets[user])
            {
                owned[item] = stamp;
            }
            var relevant = split.HeldOut[user].Select(i => log.Items[i]).Where(item => owned[item] != stamp).ToHashSet();
            if (relevant.Count == 0)
            {
                continue;
            }
            evaluated++;
            bool Excluded(int item) => owned[item] == stamp;
            bool Usable(int item) => owned[item] != stamp;

            popularity.Add(Items(Blend.Fill(K, Usable, Blend.Popular(mostBought))), relevant);

            var latest = log.Items[history[^1]];
            var alsoBought = PersonalRecommender.AlsoBought(recommender, counts.SeedFor(latest), Excluded, K);
            coPurchase.Add(Items(Blend.Fill(K, Usable, alsoBought)), relevant);

            // Most recent first, as the for-me route reads a customer's purchases.
            var seeds = new List<Seed<int>>();
            var seen = new HashSet<int>();
            for (var i = history.Count - 1; i >= 0 && seeds.Count < options.HistoryLimit; i--)
            {
                if (seen.Add(log.Items[history[i]]))
                {
                    seeds.Add(counts.SeedFor(log.Items[history[i]]));
                }
            }
            var personal = PersonalRecommender.FromHistory(recommender, seeds, noViews, Excluded, K);
            userHistory.Add(Items(Blend.Fill(K, Usable, personal, Blend.Popular(mostBought))), relevant);
        }
        progress?.Report(new EvaluationProgress("Evaluating users", 1));
        return new EvaluationReport(evaluated, log.Count, itemCount, counts.PairCount,
            [popularity.Score(), coPurchase.Score(), userHistory.Score()]);
    }

    private static List<int> Items(List<Pick<int>> picks) => picks.ConvertAll(p => p.Item);

    /// <summary>Each user's interactions (indexes into the log) before the held-out basket, oldest first, and those held out.</summary>
    internal sealed record HoldOut(List<int>[] History, List<int>[] HeldOut);

    internal static HoldOut Split(InteractionLog log)
    {
        var users = log.UserNames.Count;
        var byUser = new List<int>[users];
        for (var u = 0; u < users; u++)
        {
            byUser[u] = [];
        }
        for (var i = 0; i < log.Count; i++)
        {
            byUser[log.Users[i]].Add(i);
        }
        var history = new List<int>[users];
        var heldOut = new List<int>[users];
        for (var u = 0; u < users; u++)
        {
            // Oldest first; equal times keep file order, so the last row of the file is the latest.
            var rows = byUser[u];
            rows.Sort((a, b) => log.Times[a] != log.Times[b] ? log.Times[a].CompareTo(log.Times[b]) : a.CompareTo(b));
            var last = rows[^1];
            Func<int, bool> isHeldOut = log.HasBaskets
                ? i => log.Baskets[i] == log.Baskets[last]
                : i => log.Times[i] == log.Times[last];
            history[u] = rows.Where(i => !isHeldOut(i)).ToList();
            heldOut[u] = rows.Where(isHeldOut).ToList();
        }
        return new HoldOut(history, heldOut);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
