using System.Text;
using CloudMart.Bench.Recommendations;
using CloudMart.Modules.Recommendations.Evaluation;
using CloudMart.Modules.Recommendations.Model;

namespace CloudMart.Tests.Recommendations;

/// <summary>The offline evaluation in process: reading the file, holding out the last basket, scoring the recommenders.</summary>
public sealed class EvaluatingOffline
{
    private static InteractionLog Read(string csv) => InteractionLog.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    private static string ErrorOf(string csv) => Assert.Throws<InteractionsFileException>(() => Read(csv)).Message;

    [Fact]
    public void Each_users_last_basket_is_held_out_and_the_rest_is_history()
    {
        var log = Read("""
            user,basket,item,timestamp
            u1,o1,A,2026-01-01T10:00:00Z
            u1,o2,B,2026-01-03T10:00:00Z
            u1,o2,C,2026-01-03T10:05:00Z
            u1,o1,D,2026-01-01T10:01:00Z
            u2,o9,A,2026-01-02T00:00:00+02:00
            """);

        var split = OfflineEvaluation.Split(log);

        string Names(List<int> rows) => string.Join(",", rows.Select(r => log.ItemNames[log.Items[r]]));
        Assert.Equal("A,D", Names(split.History[0]));
        Assert.Equal("B,C", Names(split.HeldOut[0]));
        Assert.Equal("", Names(split.History[1])); // one basket: nothing to learn from
        Assert.Equal("A", Names(split.HeldOut[1]));
    }

    [Fact]
    public void Without_baskets_the_interactions_at_the_users_latest_time_are_held_out()
    {
        var log = Read("user,item,timestamp\nu1,A,5\nu1,B,7\nu1,C,7\nu1,D,6.5\n");

        var split = OfflineEvaluation.Split(log);

        Assert.Equal(["A", "D"], split.History[0].Select(r => log.ItemNames[log.Items[r]]));
        Assert.Equal(["B", "C"], split.HeldOut[0].Select(r => log.ItemNames[log.Items[r]]));
    }

    [Fact]
    public void A_tiny_shop_scores_as_worked_out_by_hand()
    {
        // History: u1 {A,B}, u2 {A,C}, u3 {A,C}; held out: u1 C, u2 B, u3 D. Best-sellers: A (3), C (2), B (1).
        // popularity: u1 gets C (hit), u2 gets B (hit), u3 gets B (miss) → 2/3 on every metric.
        // co-purchase from the latest earlier item: u1 B → only A, owned; u2 and u3 C → only A, owned → nothing, 0.
        // user-history: u1 from A → C (hit); u2 from A → B (hit); u3 from A → B (miss) → 2/3.
        var log = Read("""
            user,item,timestamp,basket
            u1,A,1,x1
            u1,B,1,x1
            u1,C,2,x2
            u2,A,1,y1
            u2,C,1,y1
            u2,B,2,y2
            u3,A,1,z1
            u3,C,1,z1
            u3,D,2,z2
            """);

        var report = OfflineEvaluation.Run(log, new RecommendationOptions { MinSupport = 1 });

        Assert.Equal(3, report.Users);
        var scores = report.Recommenders.ToDictionary(r => r.Name);
        Assert.Equal(["popularity", "co-purchase", "user-history"], report.Recommenders.Select(r => r.Name));
        Assert.Equal(new RecommenderScore("popularity", 2 / 3.0, 2 / 3.0, 2 / 3.0), scores["popularity"], new ScoreComparer());
        Assert.Equal(new RecommenderScore("co-purchase", 0, 0, 0), scores["co-purchase"], new ScoreComparer());
        Assert.Equal(new RecommenderScore("user-history", 2 / 3.0, 2 / 3.0, 2 / 3.0), scores["user-history"], new ScoreComparer());
    }

    [Fact]
    public void On_data_with_planted_co_purchase_clusters_the_co_purchase_recommenders_beat_popularity()
    {
        var csv = new StringWriter();
        SyntheticInteractions.Write(csv, SyntheticShape.About(30_000, seed: 11));

        var report = OfflineEvaluation.Run(Read(csv.ToString()), new RecommendationOptions());

        var scores = report.Recommenders.ToDictionary(r => r.Name);
        Assert.True(report.Users > 2_000, $"only {report.Users} users evaluated");
        Assert.True(scores["co-purchase"].RecallAt10 > 1.5 * scores["popularity"].RecallAt10, string.Join("; ", report.Recommenders));
        Assert.True(scores["user-history"].NdcgAt10 > 1.5 * scores["popularity"].NdcgAt10, string.Join("; ", report.Recommenders));
        Assert.All(report.Recommenders, r => Assert.InRange(r.HitRateAt10, r.RecallAt10, 1));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("user,item\nu1,A\n", "missing timestamp")]
    [InlineData("user,item,timestamp,price\nu1,A,1,3\n", "unknown 'price'")]
    [InlineData("user,item,timestamp\n", "no interactions")]
    public void A_bad_header_or_an_empty_file_is_refused_with_the_reason(string csv, string reason)
    {
        Assert.Contains(reason, ErrorOf(csv), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user,item,timestamp\nu1,A,1\nu1,B,yesterday\n", "Line 3: timestamp 'yesterday'")]
    [InlineData("user,item,timestamp\nu1,A,1\nu2,,2\n", "Line 3: item is empty")]
    [InlineData("user,item,timestamp\nu1,A,1\nu1,B\n", "Line 3: expected 3 fields")]
    [InlineData("user,item,timestamp\nu1,A,1\nu1,B,2026-01-01T00:00:00Z\n", "Line 3: timestamp '2026-01-01T00:00:00Z' is a date, but earlier rows use numbers")]
    [InlineData("user,item,timestamp,basket\nu1,A,1,\n", "Line 2: basket is empty")]
    public void A_bad_row_is_refused_naming_its_line(string csv, string reason)
    {
        Assert.Contains(reason, ErrorOf(csv), StringComparison.Ordinal);
    }

    private sealed class ScoreComparer : IEqualityComparer<RecommenderScore>
    {
        public bool Equals(RecommenderScore? x, RecommenderScore? y) =>
            x!.Name == y!.Name && Math.Abs(x.RecallAt10 - y.RecallAt10) < 1e-9 && Math.Abs(x.NdcgAt10 - y.NdcgAt10) < 1e-9 && Math.Abs(x.HitRateAt10 - y.HitRateAt10) < 1e-9;

        public int GetHashCode(RecommenderScore obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
