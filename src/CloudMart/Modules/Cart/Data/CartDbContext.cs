using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Cart.Data;

internal sealed class CartItem
{
    public Guid CustomerId { get; set; }

    public Guid ProductId { get; set; }

    public int Quantity { get; set; }

    public DateTime AddedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal abstract class CartDbContext : ModuleDbContext
{
    public CartDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options, session)
    {
    }

    public DbSet<CartItem> Items => Set<CartItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<CartItem>(item =>
        {
            item.ToTable("cart_items");
            item.HasKey(i => new { i.CustomerId, i.ProductId });
        });
}

internal sealed class SqliteCartDbContext(DbContextOptions<SqliteCartDbContext> options, DatabaseSession? session = null)
    : CartDbContext(options, session);

internal sealed class PostgresCartDbContext(DbContextOptions<PostgresCartDbContext> options, DatabaseSession? session = null)
    : CartDbContext(options, session);

internal sealed class SqliteCartDesignTimeFactory : SqliteDesignTimeFactory<SqliteCartDbContext>;

internal sealed class PostgresCartDesignTimeFactory : PostgresDesignTimeFactory<PostgresCartDbContext>;
