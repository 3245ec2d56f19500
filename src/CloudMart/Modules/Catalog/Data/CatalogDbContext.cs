using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CloudMart.Modules.Catalog.Data;

internal abstract class CatalogDbContext : ModuleDbContext
{
    public CatalogDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options, session)
    {
    }

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<ProductVector> ProductVectors => Set<ProductVector>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("catalog_categories");
            category.HasKey(c => c.Id);
            category.Property(c => c.Slug).HasMaxLength(80);
            category.Property(c => c.Name).HasMaxLength(80);
            category.Property(c => c.Description).HasMaxLength(500);
            category.HasIndex(c => c.Slug).IsUnique();
        });
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("catalog_products");
            product.HasKey(p => p.Id);
            product.Property(p => p.Sku).HasMaxLength(40);
            product.Property(p => p.Slug).HasMaxLength(140);
            product.Property(p => p.Name).HasMaxLength(120);
            product.Property(p => p.Description).HasMaxLength(4000);
            product.Property(p => p.ImageUrl).HasMaxLength(500);
            product.Property(p => p.Version).IsConcurrencyToken();
            product.Property(p => p.Attributes)
                .HasConversion(
                    map => JsonSerializer.Serialize(map, JsonSerializerOptions.Default),
                    json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                    new ValueComparer<Dictionary<string, string>>(
                        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                        map => map.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                        map => new Dictionary<string, string>(map)))
                .HasMaxLength(4000);
            product.Ignore(p => p.ETag);
            product.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
            product.HasIndex(p => p.Sku).IsUnique();
            product.HasIndex(p => p.Slug).IsUnique();
            product.HasIndex(p => new { p.IsArchived, p.CategoryId, p.Price });
            product.HasIndex(p => new { p.IsArchived, p.Price });
            product.HasIndex(p => new { p.IsArchived, p.CreatedAt });
            product.HasIndex(p => new { p.IsArchived, p.Name, p.Id }); // the default order: a page is read from the index, not sorted
        });
        modelBuilder.Entity<ProductVector>(vector =>
        {
            vector.ToTable("catalog_product_vectors");
            vector.HasKey(v => v.ProductId);
            vector.Property(v => v.Model).HasMaxLength(100);
            vector.Property(v => v.TextHash).HasMaxLength(64);
            vector.HasIndex(v => v.UpdatedAt); // other processes' indexes catch up by reading rows changed since they last looked
        });
    }
}

internal sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options, DatabaseSession? session = null)
    : CatalogDbContext(options, session);

internal sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options, DatabaseSession? session = null)
    : CatalogDbContext(options, session);

internal sealed class SqliteCatalogDesignTimeFactory : SqliteDesignTimeFactory<SqliteCatalogDbContext>;

internal sealed class PostgresCatalogDesignTimeFactory : PostgresDesignTimeFactory<PostgresCatalogDbContext>;
