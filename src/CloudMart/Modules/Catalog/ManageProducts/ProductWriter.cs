using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ManageProducts;

/// <summary>
/// Creates and revises products inside a unit of work: the API, the demo seed, the synthetic generator and CSV import
/// all go through here, so every product gets its slug, stock record and integration event the same way.
/// </summary>
internal sealed class ProductWriter(CatalogDbContext db, IInventory inventory, Outbox outbox, CatalogPages pages, TimeProvider clock)
{
    public async Task<Product> CreateAsync(ValidProduct input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var product = new Product
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Sku = input.Sku,
            Slug = await UniqueSlugAsync(input.Name, input.Sku, cancellationToken),
            Name = input.Name,
            Description = input.Description,
            Price = input.Price,
            CategoryId = input.Category.Id,
            Category = input.Category,
            ImageUrl = input.ImageUrl,
            Attributes = input.Attributes,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
            Available = input.InitialStock,
        };
        product.RefreshSearchText(input.Category.Name);
        db.Products.Add(product);
        // Inventory's own record; it tells the catalog's availability projection about the new level.
        await inventory.OpenStockAsync(product.Id, product.Sku, input.InitialStock, cancellationToken);
        await pages.ChangedAsync();
        outbox.Append(new ProductCreated(Guid.CreateVersion7(), now, product.Id, product.Sku, product.Name, product.Price, input.Category.Slug));
        return product;
    }

    public async Task ReviseAsync(Product product, ValidProduct input)
    {
        await pages.ChangedAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        product.Name = input.Name;
        product.Description = input.Description;
        product.Price = input.Price;
        product.CategoryId = input.Category.Id;
        product.Category = input.Category;
        product.ImageUrl = input.ImageUrl;
        product.Attributes = input.Attributes;
        product.UpdatedAt = now;
        product.Version++;
        product.RefreshSearchText(input.Category.Name);
        outbox.Append(new ProductChanged(Guid.CreateVersion7(), now, product.Id, product.Sku, product.Name, product.Price, input.Category.Slug));
    }

    public async Task ArchiveAsync(Product product)
    {
        await pages.ChangedAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        product.IsArchived = true;
        product.UpdatedAt = now;
        product.Version++;
        outbox.Append(new ProductArchived(Guid.CreateVersion7(), now, product.Id, product.Sku));
    }

    private readonly HashSet<string> _slugsTaken = [];

    private async Task<string> UniqueSlugAsync(string name, string sku, CancellationToken cancellationToken)
    {
        var slug = Slugs.From(name);
        if (slug.Length == 0 || _slugsTaken.Contains(slug) || await db.Products.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            slug = Slugs.From($"{name} {sku}", 140);
        }
        _slugsTaken.Add(slug);
        return slug;
    }
}
