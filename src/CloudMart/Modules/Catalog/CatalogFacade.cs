using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog;

internal sealed class CatalogFacade(CatalogDbContext db, Microsoft.Extensions.Options.IOptions<Platform.StoreOptions> store) : ICatalog
{
    public async Task<IReadOnlyDictionary<Guid, ProductForSale>> FindForSaleAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking()
            .Where(p => productIds.Contains(p.Id))
            .Select(p => new ProductForSale(p.Id, p.Sku, p.Name, p.Price, p.IsArchived))
            .ToDictionaryAsync(p => p.Id, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ProductListing>> FindListingsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0)
        {
            return new Dictionary<Guid, ProductListing>();
        }
        var currency = store.Value.Currency;
        return await db.Products.AsNoTracking()
            .Where(p => productIds.Contains(p.Id))
            .Select(p => new ProductListing(p.Id, p.Sku, p.Slug, p.Name, p.Price, currency, p.Category!.Slug, p.ImageUrl, p.Rating, p.ReviewCount, p.Available, p.IsArchived))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<ProductListing>> BestRatedInStockAsync(int count, CancellationToken cancellationToken)
    {
        var currency = store.Value.Currency;
        var archived = false;
        return await db.Products.AsNoTracking()
            .Where(p => p.IsArchived == archived && p.Available > 0)
            .OrderByDescending(p => p.Rating ?? 0).ThenByDescending(p => p.ReviewCount).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Take(count)
            .Select(p => new ProductListing(p.Id, p.Sku, p.Slug, p.Name, p.Price, currency, p.Category!.Slug, p.ImageUrl, p.Rating, p.ReviewCount, p.Available, p.IsArchived))
            .ToListAsync(cancellationToken);
    }
}
