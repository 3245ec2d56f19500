using CloudMart.Tests.CommandLine;

namespace CloudMart.Tests.Catalog;

/// <summary><c>cloudmart ai reindex</c>: embeds what is missing or stale, and nothing the second time.</summary>
public sealed class SearchReindexCommand : IDisposable
{
    private readonly Cli _cli = new();

    [Fact]
    public async Task Reindex_embeds_every_product_once_and_a_second_run_embeds_none_unless_forced()
    {
        Assert.Equal(0, (await _cli.RunAsync("seed")).ExitCode); // the demo catalog; no server runs, so nothing embedded yet

        var (first, firstOutput) = await _cli.RunAsync("ai", "reindex");
        var (second, secondOutput) = await _cli.RunAsync("ai", "reindex");
        var (forced, forcedOutput) = await _cli.RunAsync("ai", "reindex", "--force");

        Assert.True(first == 0, firstOutput);
        Assert.Matches(@"Embedded (\d{3}) of \1 products", firstOutput);
        Assert.True(second == 0, secondOutput);
        Assert.Matches(@"Embedded 0 of \d{3} products", secondOutput);
        Assert.True(forced == 0, forcedOutput);
        Assert.Matches(@"Embedded (\d{3}) of \1 products", forcedOutput);
        Assert.Contains("Keyword index rebuilt", forcedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ai_without_a_known_subcommand_is_a_usage_error()
    {
        var (code, output) = await _cli.RunAsync("ai", "frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("cloudmart help", output, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
