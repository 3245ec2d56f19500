using CloudMart.Modules.Recommendations.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Recommendations.Learning;

/// <summary>
/// Changes the stored buyer and co-purchase counts when a customer's set of bought products grows or shrinks.
/// Counts change by atomic upserts (<c>INSERT … ON CONFLICT DO UPDATE</c>, the same SQL on SQLite and PostgreSQL),
/// so concurrent handlers for different customers never lose an increment.
/// </summary>
internal sealed class CoPurchaseLedger(RecommendationsDbContext db)
{
    private const int RowsPerStatement = 200;
    private const string BuyersTable = RecommendationsDbContext.Tables.ProductBuyers;
    private const string PairsTable = RecommendationsDbContext.Tables.CoPurchases;

    /// <summary>
    /// The customer's bought set went from <paramref name="kept"/> to kept ∪ <paramref name="changed"/> (sign +1) or
    /// from kept ∪ changed to kept (sign −1): each changed product gains or loses a buyer, and every pair it forms
    /// with the kept products and the other changed ones gains or loses a customer in common.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyCollection<Guid> kept, IReadOnlyCollection<Guid> changed, int sign, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }
        var pairs = new Dictionary<(Guid, Guid), int>();
        foreach (var product in changed)
        {
            foreach (var other in kept.Concat(changed))
            {
                if (other == product)
                {
                    continue;
                }
                pairs[(product, other)] = sign;
                if (!changed.Contains(other))
                {
                    pairs[(other, product)] = sign;
                }
            }
        }
        // Rows in one global order: two customers' settlements touching the same pairs then lock them in the same
        // order and cannot deadlock on PostgreSQL.
        await UpsertBuyersAsync(changed.Order().Select(p => (p, sign)).ToList(), cancellationToken);
        await UpsertPairsAsync(pairs.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).Select(p => (p.Key.Item1, p.Key.Item2, p.Value)).ToList(), cancellationToken);
        if (sign < 0)
        {
            var ids = changed.ToList();
            var touched = changed.Concat(kept).ToList(); // every changed pair starts at one of these: a key-prefix lookup, not a scan
            await db.CoPurchases.Where(p => touched.Contains(p.ProductId) && p.Together <= 0).ExecuteDeleteAsync(cancellationToken);
            await db.ProductBuyers.Where(b => ids.Contains(b.ProductId) && b.Buyers <= 0).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public async Task UpsertBuyersAsync(IReadOnlyList<(Guid Product, int Delta)> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{2 * i}}}, {{{2 * i + 1}}})"));
            var parameters = chunk.SelectMany(r => new object[] { r.Product, r.Delta }).ToArray();
            // Only placeholders are interpolated; the values travel as parameters.
            var sql = $"""INSERT INTO {BuyersTable} ("ProductId", "Buyers") VALUES {values} ON CONFLICT ("ProductId") DO UPDATE SET "Buyers" = {BuyersTable}."Buyers" + excluded."Buyers" """;
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    public async Task UpsertPairsAsync(IReadOnlyList<(Guid Product, Guid Other, int Delta)> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})"));
            var parameters = chunk.SelectMany(r => new object[] { r.Product, r.Other, r.Delta }).ToArray();
            var sql = $"""INSERT INTO {PairsTable} ("ProductId", "OtherProductId", "Together") VALUES {values} ON CONFLICT ("ProductId", "OtherProductId") DO UPDATE SET "Together" = {PairsTable}."Together" + excluded."Together" """;
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    /// <summary>Takes the customer's row lock for the rest of the transaction (see <see cref="CustomerActivity"/>).</summary>
    public async Task LockCustomerAsync(Guid customerId, DateTime now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO recommendations_customers ("CustomerId", "UpdatedAt") VALUES ({customerId}, {now}) ON CONFLICT ("CustomerId") DO UPDATE SET "UpdatedAt" = excluded."UpdatedAt" """,
            cancellationToken);
    }
}
