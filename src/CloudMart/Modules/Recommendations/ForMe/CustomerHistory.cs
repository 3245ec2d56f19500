using CloudMart.Modules.Recommendations.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Recommendations.ForMe;

/// <summary>What a customer has bought (every order not withdrawn) and looked at, most recent first.</summary>
internal sealed record CustomerHistory(IReadOnlySet<Guid> Bought, IReadOnlyList<Guid> RecentPurchases, IReadOnlyList<Guid> RecentViews)
{
    public bool IsEmpty => RecentPurchases.Count == 0 && RecentViews.Count == 0;

    public static async Task<CustomerHistory> LoadAsync(RecommendationsDbContext db, Guid customerId, int limit, CancellationToken cancellationToken)
    {
        var withdrawn = PurchaseState.Withdrawn;
        var purchases = await db.PurchasedLines.AsNoTracking()
            .Where(l => l.CustomerId == customerId && l.State != withdrawn)
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Last = g.Max(l => l.PlacedAt) })
            .ToListAsync(cancellationToken);
        var bought = purchases.Select(p => p.ProductId).ToHashSet();
        var views = await db.Views.AsNoTracking()
            .Where(v => v.CustomerId == customerId)
            .OrderByDescending(v => v.LastViewedAt).ThenBy(v => v.ProductId)
            .Take(limit + bought.Count)
            .Select(v => v.ProductId)
            .ToListAsync(cancellationToken);
        return new CustomerHistory(
            bought,
            purchases.OrderByDescending(p => p.Last).ThenBy(p => p.ProductId).Take(limit).Select(p => p.ProductId).ToList(),
            views.Where(v => !bought.Contains(v)).Take(limit).ToList());
    }
}
