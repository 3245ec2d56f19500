using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.SearchProducts;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>
/// <c>cloudmart ai reindex [--force]</c>: brings every product's vector up to date (all of them with --force, e.g.
/// after changing the embedding model's settings) and rebuilds the keyword index. Running it twice embeds nothing
/// the second time.
/// </summary>
internal static class ReindexCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, bool force, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var total = await db.Products.CountAsync(cancellationToken);
        var embedder = scope.ServiceProvider.GetRequiredService<ProductEmbedder>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var embedded = 0;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Embedding {total:N0} products", maxValue: Math.Max(total, 1));
                (_, embedded) = await embedder.RefreshAllAsync(force, new Progress<int>(done => task.Value = done), cancellationToken);
                task.Value = task.MaxValue;
            });
        await scope.ServiceProvider.GetRequiredService<KeywordIndex>().RebuildAsync(cancellationToken);
        AnsiConsole.MarkupLine($"Embedded [green]{embedded:N0}[/] of {total:N0} products in {started.Elapsed.TotalSeconds:0.0} s.");
        AnsiConsole.MarkupLine("Keyword index rebuilt.");
        return 0;
    }
}
