using CloudMart.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>
/// After start-up, embeds every product that lacks a current vector: the freshly seeded demo catalog, products
/// written before search existed, or all of them after the embedding model changed. Runs in the background, so the
/// shop serves at once (keyword search works meanwhile); the events' handlers then find nothing left to do.
/// </summary>
internal sealed partial class ProductVectorBackfill(
    IServiceScopeFactory scopes, IOptions<SearchOptions> search, IOptions<RelayOptions> relay, ILogger<ProductVectorBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Tied to the relay: where nothing delivers events (tests stepping by hand), nothing embeds behind their back.
        if (!search.Value.EmbedOnStart || !relay.Value.Enabled)
        {
            return;
        }
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var (examined, embedded) = await scope.ServiceProvider.GetRequiredService<ProductEmbedder>().RefreshAllAsync(force: false, null, stoppingToken);
            var milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (embedded > 0)
            {
                LogEmbedded(embedded, examined, milliseconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Search still answers by keywords; the events' handlers and `cloudmart ai reindex` fill the gaps.
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Embedded} of {Examined} products for search in {Milliseconds:0} ms")]
    private partial void LogEmbedded(int embedded, int examined, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding products at start-up failed")]
    private partial void LogFailed(Exception exception);
}
