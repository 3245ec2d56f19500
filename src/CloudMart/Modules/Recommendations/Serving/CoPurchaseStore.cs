using CloudMart.Modules.Recommendations.Data;
using CloudMart.Modules.Recommendations.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Recommendations.Serving;

/// <summary>Reads the stored co-purchase counts into the shapes <see cref="CoPurchaseRecommender"/> works on.</summary>
internal sealed class CoPurchaseStore(RecommendationsDbContext db, IOptions<RecommendationOptions> options)
{
    public CoPurchaseRecommender Recommender { get; } = new(options.Value.MinSupport);

    /// <summary>A seed for each product, with its most co-bought neighbours (those with enough support).</summary>
    public async Task<List<Seed<Guid>>> SeedsAsync(IReadOnlyList<(Guid Item, double Weight)> products, CancellationToken cancellationToken)
    {
        if (products.Count == 0)
        {
            return [];
        }
        var ids = products.Select(p => p.Item).Distinct().ToList();
        var minSupport = Recommender.MinSupport;
        var limit = Math.Max(1, options.Value.NeighbourLimit);
        // Each seed's best `limit` neighbours, chosen in the database: a best-seller is co-bought with thousands of
        // products, and only the top of its range should travel. (Window functions: SQLite ≥ 3.25 and PostgreSQL.)
        var seedList = string.Join(", ", ids.Select((_, i) => $"{{{i + 2}}}"));
        var sql = $$"""
            SELECT "ProductId", "OtherProductId", "Together" FROM (
                SELECT "ProductId", "OtherProductId", "Together",
                       ROW_NUMBER() OVER (PARTITION BY "ProductId" ORDER BY "Together" DESC, "OtherProductId") AS "Rank"
                FROM {{RecommendationsDbContext.Tables.CoPurchases}}
                WHERE "ProductId" IN ({{seedList}}) AND "Together" >= {0}) AS ranked
            WHERE "Rank" <= {1}
            """;
        var pairs = await db.CoPurchases.FromSqlRaw(sql, [minSupport, limit, .. ids.Cast<object>()]).AsNoTracking()
            .ToListAsync(cancellationToken);
        var neighbourhoods = pairs.GroupBy(p => p.ProductId).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(p => p.Together).ThenBy(p => p.OtherProductId).ToList());
        var counted = ids.Concat(neighbourhoods.Values.SelectMany(n => n.Select(p => p.OtherProductId))).Distinct().ToList();
        var buyers = await BuyersAsync(counted, cancellationToken);
        return products.Select(p => new Seed<Guid>(
            p.Item, p.Weight, buyers.GetValueOrDefault(p.Item),
            neighbourhoods.TryGetValue(p.Item, out var n)
                ? n.Select(x => new Neighbour<Guid>(x.OtherProductId, x.Together, buyers.GetValueOrDefault(x.OtherProductId))).ToList()
                : [])).ToList();
    }

    /// <summary>Best-sellers by number of buyers, most first.</summary>
    public async Task<List<(Guid Item, int Buyers)>> MostBoughtAsync(int count, CancellationToken cancellationToken) =>
        (await db.ProductBuyers.AsNoTracking().Where(b => b.Buyers > 0)
            .OrderByDescending(b => b.Buyers).ThenBy(b => b.ProductId).Take(count)
            .Select(b => new { b.ProductId, b.Buyers }).ToListAsync(cancellationToken))
        .Select(b => (b.ProductId, b.Buyers)).ToList();

    private async Task<Dictionary<Guid, int>> BuyersAsync(List<Guid> ids, CancellationToken cancellationToken) =>
        await db.ProductBuyers.AsNoTracking().Where(b => ids.Contains(b.ProductId))
            .ToDictionaryAsync(b => b.ProductId, b => b.Buyers, cancellationToken);
}
