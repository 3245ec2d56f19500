using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog;

internal sealed class CatalogFacade(CatalogDbContext db) : ICatalog
{
    public async Task<IReadOnlyDictionary<Guid, ProductForSale>> FindForSaleAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking()
            .Where(p => productIds.Contains(p.Id))
            .Select(p => new ProductForSale(p.Id, p.Sku, p.Name, p.Price, p.IsArchived))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
}
