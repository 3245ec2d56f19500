using CloudMart.Bench.Recommendations;
using CloudMart.Modules.Recommendations.Data;
using CloudMart.Tests.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Recommendations;

/// <summary><c>cloudmart recommendations train</c> and <c>evaluate</c>, run as the real command in its own process.</summary>
public sealed class RecommendationCommands(SqliteRecommendationShop shop) : IClassFixture<SqliteRecommendationShop>, IDisposable
{
    private readonly Cli _cli = new();

    [Fact]
    public async Task Train_rebuilds_the_co_purchase_model_of_the_shops_database()
    {
        var api = shop.Api();
        var shoppers = new Shoppers(shop, api);
        var skillet = await shoppers.ProductAsync("Cast Iron Skillet");
        var scraper = await shoppers.ProductAsync("Pan Scraper");
        await shoppers.BuyerOfAsync(skillet, scraper);
        await shoppers.BuyerOfAsync(skillet, scraper);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
            await db.CoPurchases.ExecuteDeleteAsync();
            await db.ProductBuyers.ExecuteDeleteAsync();
        }
        Assert.Empty(await Shoppers.ItemsAsync(api.Anonymous(), $"/api/recommendations/also-bought/{skillet.Id}"));

        using var onTheShopsData = new Cli(shop.DataDirectory);
        var (code, output) = await onTheShopsData.RunAsync("recommendations", "train");

        Assert.True(code == 0, output);
        var text = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "); // the console wraps long lines
        Assert.Contains("Rebuilt the co-purchase model from 2 customers' paid orders: 2 products, 2 product pairs", text, StringComparison.Ordinal);
        Assert.Equal([scraper.Id], (await Shoppers.ItemsAsync(api.Anonymous(), $"/api/recommendations/also-bought/{skillet.Id}")).Select(Shoppers.Id));
    }

    [Fact]
    public async Task Evaluate_with_json_prints_only_the_metrics_of_each_recommender_beside_the_popularity_baseline()
    {
        var file = _cli.PathFor("interactions.csv");
        SyntheticInteractions.WriteFile(file, SyntheticShape.About(20_000));

        var (code, output, error) = await _cli.RunSeparatelyAsync("recommendations", "evaluate", "--interactions", file, "--json");

        Assert.True(code == 0, output + error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["users", "recommenders"], json.EnumerateObject().Select(p => p.Name));
        Assert.True(json.GetProperty("users").GetInt32() > 1_000);
        var recommenders = json.GetProperty("recommenders").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["popularity", "co-purchase", "user-history"], recommenders.Keys);
        foreach (var recommender in recommenders.Values)
        {
            Assert.Equal(["name", "recallAt10", "ndcgAt10", "hitRateAt10"], recommender.EnumerateObject().Select(p => p.Name));
            foreach (var metric in new[] { "recallAt10", "ndcgAt10", "hitRateAt10" })
            {
                Assert.InRange(recommender.GetProperty(metric).GetDouble(), 0, 1);
            }
        }
        Assert.True(recommenders["co-purchase"].GetProperty("recallAt10").GetDouble() > recommenders["popularity"].GetProperty("recallAt10").GetDouble(), output);
        Assert.True(recommenders["user-history"].GetProperty("ndcgAt10").GetDouble() > recommenders["popularity"].GetProperty("ndcgAt10").GetDouble(), output);
    }

    [Fact]
    public async Task Evaluate_prints_a_table_and_reads_files_without_baskets_and_with_numeric_timestamps()
    {
        var file = _cli.PathFor("plain.csv");
        SyntheticInteractions.WriteFile(file, SyntheticShape.About(5_000, withBaskets: false, isoTimestamps: false));

        var (code, output) = await _cli.RunAsync("recommendations", "evaluate", "--interactions", file);

        Assert.True(code == 0, output);
        Assert.Contains("Recall@10", output, StringComparison.Ordinal);
        Assert.Contains("NDCG@10", output, StringComparison.Ordinal);
        Assert.Contains("popularity", output, StringComparison.Ordinal);
        Assert.Contains("co-purchase", output, StringComparison.Ordinal);
        Assert.Contains("users evaluated on their last basket", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_refuses_bad_input_with_a_plain_message_and_exit_code_2()
    {
        var badHeader = _cli.PathFor("bad-header.csv");
        await File.WriteAllTextAsync(badHeader, "customer,product,when\nu1,A,1\n");
        var badRow = _cli.PathFor("bad-row.csv");
        await File.WriteAllTextAsync(badRow, "user,item,timestamp\nu1,A,2026-01-01T10:00:00Z\nu1,B,next tuesday\n");

        foreach (var (arguments, message) in new[]
        {
            (new[] { "recommendations", "evaluate", "--interactions", _cli.PathFor("missing.csv") }, "There is no file"),
            (["recommendations", "evaluate", "--interactions", badHeader, "--json"], "the header must be user,item,timestamp"),
            (["recommendations", "evaluate", "--interactions", badRow], "Line 3: timestamp 'next tuesday'"),
            (["recommendations", "evaluate"], "needs --interactions"),
            (["recommendations", "predict"], "is not a command"),
        })
        {
            var (code, output, error) = await _cli.RunSeparatelyAsync(arguments);
            Assert.True(code == 2, $"{string.Join(' ', arguments)} → {code}: {output}{error}");
            Assert.Contains(message, output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _cli.Dispose();
}
