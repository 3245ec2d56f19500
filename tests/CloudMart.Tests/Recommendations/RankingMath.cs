using CloudMart.Modules.Recommendations.Evaluation;
using CloudMart.Modules.Recommendations.Model;

namespace CloudMart.Tests.Recommendations;

/// <summary>The metric and similarity arithmetic, on cases small enough to work out by hand.</summary>
public sealed class RankingMath
{
    private static readonly HashSet<string> BAndX = ["b", "x"];

    [Fact]
    public void Recall_is_the_share_of_held_out_items_found_in_the_first_k()
    {
        Assert.Equal(0.5, RankingMetrics.RecallAt(10, ["a", "b", "c", "d"], BAndX));
        Assert.Equal(0, RankingMetrics.RecallAt(1, ["a", "b"], BAndX));
        Assert.Equal(1, RankingMetrics.RecallAt(10, ["x", "b"], BAndX));
        Assert.Equal(0, RankingMetrics.RecallAt(10, Array.Empty<string>(), BAndX));
    }

    [Fact]
    public void Hit_rate_counts_a_user_once_whatever_the_number_of_hits()
    {
        Assert.Equal(1, RankingMetrics.HitAt(10, ["x", "b"], BAndX));
        Assert.Equal(1, RankingMetrics.HitAt(10, ["a", "b"], BAndX));
        Assert.Equal(0, RankingMetrics.HitAt(10, ["a", "c"], BAndX));
    }

    [Fact]
    public void Ndcg_discounts_hits_by_log2_of_rank_plus_one_against_the_ideal_list()
    {
        // Hits at ranks 2 and 3: (1/log2 3 + 1/log2 4) / (1/log2 2 + 1/log2 3) = (0.63093 + 0.5) / (1 + 0.63093)
        Assert.Equal(0.693426, RankingMetrics.NdcgAt(10, ["a", "b", "c"], new HashSet<string> { "b", "c" }), 6);
        Assert.Equal(1, RankingMetrics.NdcgAt(10, ["b"], new HashSet<string> { "b" }), 12);
        // One hit at rank 2 of one relevant item: 1/log2 3
        Assert.Equal(0.630930, RankingMetrics.NdcgAt(10, ["a", "b"], new HashSet<string> { "b" }), 6);
    }

    [Fact]
    public void Only_the_first_k_count_and_more_relevant_items_than_k_cap_the_ideal_at_k()
    {
        var eleven = Enumerable.Range(1, 11).Select(i => $"i{i}").ToList();
        var onlyTheEleventh = new HashSet<string> { "i11" };
        Assert.Equal(0, RankingMetrics.RecallAt(10, eleven, onlyTheEleventh));
        Assert.Equal(0, RankingMetrics.NdcgAt(10, eleven, onlyTheEleventh));
        Assert.Equal(0, RankingMetrics.HitAt(10, eleven, onlyTheEleventh));

        var twelveRelevant = Enumerable.Range(1, 12).Select(i => $"i{i}").ToHashSet();
        Assert.Equal(10.0 / 12, RankingMetrics.RecallAt(10, eleven, twelveRelevant), 12);
        Assert.Equal(1, RankingMetrics.NdcgAt(10, eleven, twelveRelevant), 12);
    }

    [Fact]
    public void Metric_totals_average_over_users()
    {
        var totals = new MetricTotals("test", 10);
        totals.Add(["b"], new HashSet<string> { "b" });
        totals.Add(["a"], new HashSet<string> { "b", "c" });

        var score = totals.Score();

        Assert.Equal(0.5, score.RecallAt10, 12);
        Assert.Equal(0.5, score.NdcgAt10, 12);
        Assert.Equal(0.5, score.HitRateAt10, 12);
    }

    [Fact]
    public void Co_purchase_similarity_is_the_cosine_of_the_buyer_sets()
    {
        Assert.Equal(2 / 6.0, CoPurchaseRecommender.Cosine(together: 2, buyersA: 4, buyersB: 9), 12);
        Assert.Equal(1, CoPurchaseRecommender.Cosine(3, 3, 3), 12);
        Assert.Equal(0, CoPurchaseRecommender.Cosine(0, 0, 5));
    }

    [Fact]
    public void Also_bought_ranks_by_cosine_drops_pairs_below_minimum_support_and_leaves_out_excluded_items()
    {
        var seed = new Seed<string>("A", 1, Buyers: 4,
        [
            new Neighbour<string>("B", Together: 3, Buyers: 3), // 3/√12 = 0.866
            new Neighbour<string>("C", Together: 2, Buyers: 16), // 2/√64 = 0.25
            new Neighbour<string>("D", Together: 1, Buyers: 1), // below support 2
        ]);
        var recommender = new CoPurchaseRecommender(minSupport: 2);

        var ranked = PersonalRecommender.AlsoBought(recommender, seed, _ => false, 10);

        Assert.Equal(["B", "C"], ranked.Select(r => r.Item));
        Assert.Equal(3 / Math.Sqrt(12), ranked[0].Score, 12);
        Assert.Equal(0.25, ranked[1].Score, 12);
        Assert.All(ranked, r => Assert.Equal(("A", ReasonKind.BoughtWith), (r.About, r.Reason)));
        Assert.Equal(["C"], PersonalRecommender.AlsoBought(recommender, seed, item => item == "B", 10).Select(r => r.Item));
    }

    [Fact]
    public void History_scores_are_weighted_means_of_similarity_and_name_the_seed_that_contributed_most()
    {
        var bought = new Seed<string>("A", 1, 4, [new Neighbour<string>("X", 2, 4)]); // cos 0.5
        var viewed = new Seed<string>("B", 0.5, 1, [new Neighbour<string>("X", 1, 4), new Neighbour<string>("Y", 1, 1)]); // cos 0.5 and 1
        var recommender = new CoPurchaseRecommender(minSupport: 1);

        var picks = PersonalRecommender.FromHistory(recommender, [bought, viewed], new HashSet<string> { "B" }, _ => false, 10);

        Assert.Equal(["X", "Y"], picks.Select(p => p.Item));
        Assert.Equal((1 * 0.5 + 0.5 * 0.5) / 1.5, picks[0].Score, 12);
        Assert.Equal(("A", ReasonKind.BecauseBought), (picks[0].About, picks[0].Reason));
        Assert.Equal(0.5 * 1 / 1.5, picks[1].Score, 12);
        Assert.Equal(("B", ReasonKind.BecauseViewed), (picks[1].About, picks[1].Reason));
    }

    [Fact]
    public void Blending_takes_usable_items_tier_by_tier_without_repeats()
    {
        Pick<string>[] first = [new("a", 0.9, ReasonKind.BecauseBought), new("gone", 0.8, ReasonKind.BecauseBought)];
        Pick<string>[] second = [new("a", 1, ReasonKind.Popular), new("b", 1, ReasonKind.Popular), new("c", 0.5, ReasonKind.Popular)];

        var picks = Blend.Fill(2, item => item != "gone", first, second);

        Assert.Equal([("a", ReasonKind.BecauseBought), ("b", ReasonKind.Popular)], picks.Select(p => (p.Item, p.Reason)));
    }

    [Fact]
    public void Counting_co_purchases_in_memory_counts_each_customer_once_per_pair()
    {
        // Customers: {0,1,2}, {0,1}, {1,2}, {3}
        var counts = CoPurchaseCounts.Build([[0, 1, 2], [0, 1], [1, 2], [3]], itemCount: 4, minTogether: 1, neighbourLimit: 10);

        Assert.Equal([2, 3, 2, 1], Enumerable.Range(0, 4).Select(counts.BuyersOf));
        Assert.Equal([(0, 2), (2, 2)], counts.NeighboursOf(1).Select(n => (n.Item, n.Together)));
        Assert.Equal([(1, 2), (2, 1)], counts.NeighboursOf(0).Select(n => (n.Item, n.Together)));
        Assert.Empty(counts.NeighboursOf(3));
        Assert.Equal(6, counts.PairCount); // three pairs, both directions
        Assert.Equal([(1, 3), (0, 2), (2, 2), (3, 1)], counts.MostBought(10));

        var supported = CoPurchaseCounts.Build([[0, 1, 2], [0, 1], [1, 2], [3]], 4, minTogether: 2, neighbourLimit: 1);
        Assert.Equal([(1, 2)], supported.NeighboursOf(0).Select(n => (n.Item, n.Together)));
        Assert.Single(supported.NeighboursOf(1)); // two qualify; the limit keeps one
    }
}
