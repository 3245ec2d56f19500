using System.Numerics.Tensors;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>
/// <see cref="IProductSimilarity"/> on the in-memory vector index. The index drops archived products when their
/// event is handled; until then a final check against the catalog keeps them out.
/// </summary>
internal sealed class ProductSimilarity(ProductVectorIndex index, CatalogDbContext db) : IProductSimilarity
{
    private const int MaxCount = 200;

    public async Task<IReadOnlyList<SimilarProduct>> SimilarToAsync(Guid productId, int count, CancellationToken cancellationToken)
    {
        var matrix = await index.EnsureCurrentAsync(cancellationToken);
        var vector = matrix?.VectorOf(productId);
        if (matrix is null || vector is null || count <= 0)
        {
            return [];
        }
        return await OnSaleAsync(matrix, vector, Math.Min(count, MaxCount), new HashSet<Guid> { productId }, cancellationToken);
    }

    public async Task<IReadOnlyList<SimilarProduct>> NearestToAllAsync(IReadOnlyCollection<Guid> productIds, int count, CancellationToken cancellationToken)
    {
        var matrix = await index.EnsureCurrentAsync(cancellationToken);
        if (matrix is null || count <= 0 || productIds.Count == 0)
        {
            return [];
        }
        var mean = new float[matrix.Dimensions];
        var found = 0;
        foreach (var id in productIds.Distinct())
        {
            if (matrix.VectorOf(id) is { } vector)
            {
                TensorPrimitives.Add(mean, vector, mean);
                found++;
            }
        }
        var norm = TensorPrimitives.Norm(mean);
        if (found == 0 || norm < 1e-6f)
        {
            return [];
        }
        TensorPrimitives.Divide(mean, norm, mean); // unit length again, so dot products stay cosines
        return await OnSaleAsync(matrix, mean, Math.Min(count, MaxCount), productIds.ToHashSet(), cancellationToken);
    }

    private async Task<IReadOnlyList<SimilarProduct>> OnSaleAsync(VectorMatrix matrix, float[] query, int count, HashSet<Guid> exclude, CancellationToken cancellationToken)
    {
        // A few spare in case some were archived a moment ago and the index has not heard yet.
        var nearest = matrix.Nearest(query, count + 8, exclude: exclude);
        var ids = nearest.Select(n => n.Id).ToList();
        var archived = false;
        var onSale = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.IsArchived == archived)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        var keep = onSale.ToHashSet();
        return nearest.Where(n => keep.Contains(n.Id)).Take(count).Select(n => new SimilarProduct(n.Id, n.Score)).ToList();
    }
}
