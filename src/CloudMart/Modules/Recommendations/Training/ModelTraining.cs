using CloudMart.Modules.Recommendations.Data;
using CloudMart.Modules.Recommendations.Learning;
using CloudMart.Modules.Recommendations.Model;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Recommendations.Training;

internal sealed record TrainingReport(int Customers, int Products, long Pairs, TimeSpan Elapsed);

/// <summary>A step of the rebuild and how far it is (0..1), for a progress bar.</summary>
internal sealed record TrainingProgress(string Step, double Fraction);

/// <summary>
/// <c>cloudmart recommendations train</c>: rebuilds the buyer and co-purchase counts from scratch out of the
/// module's own purchase records, with the same in-memory counting the offline evaluation uses. The event handlers
/// keep the counts current between rebuilds; a rebuild repairs any drift (a dead-lettered event replayed late, a
/// change of counting rules).
/// </summary>
internal sealed partial class ModelTraining(RecommendationsDbContext db, CoPurchaseLedger ledger, UnitOfWork unitOfWork, ILogger<ModelTraining> logger)
{
    private const int WriteBatch = 2_000;

    public async Task<TrainingReport> RebuildAsync(IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var report = await unitOfWork.ExecuteAsync(async ct =>
        {
            if (db.Database.IsNpgsql())
            {
                // Order events settling meanwhile wait for the rebuild (they lock their customer's row first), so none is lost.
                await db.Database.ExecuteSqlRawAsync($"LOCK TABLE {RecommendationsDbContext.Tables.Customers} IN SHARE ROW EXCLUSIVE MODE", ct);
            }
            progress.Report(new TrainingProgress("Reading purchases", 0));
            var counted = PurchaseState.Counted;
            var purchases = await db.PurchasedLines.AsNoTracking().Where(l => l.State == counted)
                .Select(l => new { l.CustomerId, l.ProductId }).Distinct().ToListAsync(ct);
            var products = purchases.Select(p => p.ProductId).Distinct().Order().ToList();
            var number = products.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            var baskets = purchases.GroupBy(p => p.CustomerId).Select(g => g.Select(p => number[p.ProductId]).ToArray()).ToList();
            progress.Report(new TrainingProgress("Reading purchases", 1));

            var counts = CoPurchaseCounts.Build(baskets, products.Count, minTogether: 1, neighbourLimit: int.MaxValue,
                new Progress<int>(done => progress.Report(new TrainingProgress("Counting co-purchases", (double)done / Math.Max(1, products.Count)))));

            progress.Report(new TrainingProgress("Writing the model", 0));
            await db.CoPurchases.ExecuteDeleteAsync(ct);
            await db.ProductBuyers.ExecuteDeleteAsync(ct);
            await ledger.UpsertBuyersAsync(products.Select((id, i) => (id, counts.BuyersOf(i))).ToList(), ct);
            var pairs = counts.PairCount;
            long written = 0;
            var batch = new List<(Guid, Guid, int)>(WriteBatch);
            for (var item = 0; item < products.Count; item++)
            {
                foreach (var neighbour in counts.NeighboursOf(item))
                {
                    batch.Add((products[item], products[neighbour.Item], neighbour.Together));
                    if (batch.Count == WriteBatch)
                    {
                        await ledger.UpsertPairsAsync(batch, ct);
                        written += batch.Count;
                        batch.Clear();
                        progress.Report(new TrainingProgress("Writing the model", (double)written / pairs));
                    }
                }
            }
            await ledger.UpsertPairsAsync(batch, ct);
            progress.Report(new TrainingProgress("Writing the model", 1));
            return new TrainingReport(baskets.Count, products.Count, pairs, TimeSpan.Zero);
        }, cancellationToken);
        report = report with { Elapsed = started.Elapsed };
        LogRebuilt(report.Customers, report.Products, report.Pairs, report.Elapsed.TotalMilliseconds);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the co-purchase model: {Customers} customers, {Products} products, {Pairs} pairs in {Milliseconds} ms")]
    private partial void LogRebuilt(int customers, int products, long pairs, double milliseconds);
}
