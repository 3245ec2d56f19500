namespace CloudMart.Modules.Recommendations.Model;

/// <summary>Why an item is recommended; the API turns it into words with product names.</summary>
internal enum ReasonKind
{
    BoughtWith,
    BecauseBought,
    BecauseViewed,
    SimilarTo,
    SimilarToHistory,
    PopularInCategory,
    Popular,
    TopRated,
}

/// <summary>A recommended item with its score (0..1 within its kind of reason) and reason.</summary>
/// <param name="About">The product the reason names (the seed), when it names one.</param>
/// <param name="Category">The category the reason names, for <see cref="ReasonKind.PopularInCategory"/>.</param>
internal readonly record struct Pick<T>(T Item, double Score, ReasonKind Reason, T? About = default, string? Category = null);

/// <summary>
/// Recommendations for one customer, from their history: first what customers with the same purchases also bought;
/// the caller then blends in (in the shop) products like theirs and best-sellers of their categories, then
/// best-sellers, so that a new customer still gets a full list. The evaluation runs the same steps with the tiers
/// that need only interaction data.
/// </summary>
internal static class PersonalRecommender
{
    /// <param name="history">Seeds from the customer's purchases and views.</param>
    /// <param name="viewedOnly">Seeds the customer only looked at, for the reason's wording.</param>
    /// <param name="excluded">Items never to recommend (what the customer already bought).</param>
    public static List<Pick<T>> FromHistory<T>(
        CoPurchaseRecommender coPurchase, IReadOnlyList<Seed<T>> history, IReadOnlySet<T> viewedOnly, Func<T, bool> excluded, int limit)
        where T : notnull =>
        coPurchase.Rank(history, excluded, limit)
            .Select(s => new Pick<T>(s.Item, s.Score, viewedOnly.Contains(s.Because) ? ReasonKind.BecauseViewed : ReasonKind.BecauseBought, s.Because))
            .ToList();

    /// <summary>What customers who bought the one product also bought.</summary>
    public static List<Pick<T>> AlsoBought<T>(CoPurchaseRecommender coPurchase, Seed<T> product, Func<T, bool> excluded, int limit)
        where T : notnull =>
        coPurchase.Rank([product], excluded, limit)
            .Select(s => new Pick<T>(s.Item, s.Score, ReasonKind.BoughtWith, product.Item))
            .ToList();
}

internal static class Blend
{
    /// <summary>Takes usable, not yet taken items from each tier in turn until <paramref name="count"/> are taken.</summary>
    public static List<Pick<T>> Fill<T>(int count, Func<T, bool> usable, params IEnumerable<Pick<T>>[] tiers)
        where T : notnull
    {
        var taken = new HashSet<T>();
        var picks = new List<Pick<T>>(count);
        foreach (var tier in tiers)
        {
            foreach (var pick in tier)
            {
                if (picks.Count == count)
                {
                    return picks;
                }
                if (usable(pick.Item) && taken.Add(pick.Item))
                {
                    picks.Add(pick);
                }
            }
        }
        return picks;
    }

    /// <summary>Best-sellers (most buyers first) as picks scored against the top seller.</summary>
    public static IEnumerable<Pick<T>> Popular<T>(IReadOnlyList<(T Item, int Buyers)> mostBoughtFirst)
        where T : notnull
    {
        var top = mostBoughtFirst.Count == 0 ? 1 : Math.Max(1, mostBoughtFirst[0].Buyers);
        return mostBoughtFirst.Select(p => new Pick<T>(p.Item, (double)p.Buyers / top, ReasonKind.Popular, default, null));
    }
}
