using CloudMart.Modules.Catalog.Contracts;

namespace CloudMart.Modules.Assistant.Tools;

/// <summary>
/// Suggestions behind one method. Uses the catalog's content similarity when the host serves it (the search index);
/// otherwise, or when it has nothing yet, the best-rated products of the same category, then of the whole shop.
/// A recommendations module can replace this class without the tools changing.
/// </summary>
internal sealed class Recommender(IProductFinder products, IProductSimilarity? similarity)
{
    public async Task<IReadOnlyList<ProductCard>> SuggestAsync(
        IReadOnlyList<ProductCard> seeds, IReadOnlyList<Guid> taste, int count, CancellationToken cancellationToken)
    {
        var exclude = seeds.Select(s => s.Id).Concat(taste).ToHashSet();
        var result = new List<ProductCard>();
        if (similarity is not null)
        {
            var similar = seeds.Count > 0
                ? await similarity.SimilarToAsync(seeds[0].Id, count * 2, cancellationToken)
                : taste.Count > 0 ? await similarity.NearestToAllAsync(taste, count * 2, cancellationToken) : [];
            foreach (var hit in similar)
            {
                if (result.Count < count && !exclude.Contains(hit.ProductId) && await products.FindAsync(hit.ProductId.ToString(), cancellationToken) is { Available: > 0 } card)
                {
                    result.Add(card);
                    exclude.Add(card.Id);
                }
            }
        }
        var categories = seeds.Select(s => s.CategorySlug).ToList();
        foreach (var id in taste.Take(3))
        {
            if (await products.FindAsync(id.ToString(), cancellationToken) is { } liked)
            {
                categories.Add(liked.CategorySlug);
            }
        }
        foreach (var category in categories.Distinct().Append(null))
        {
            if (result.Count >= count)
            {
                break;
            }
            foreach (var card in await products.TopRatedAsync(category, count * 2, cancellationToken))
            {
                if (result.Count < count && exclude.Add(card.Id))
                {
                    result.Add(card);
                }
            }
        }
        return result;
    }
}
