using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Inventory.Data;

internal sealed class StockItem
{
    public Guid ProductId { get; set; }

    public required string Sku { get; set; }

    public int OnHand { get; set; }

    public int Reserved { get; set; }

    public int LowStockThreshold { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Available => OnHand - Reserved;
}

/// <summary>Every manual or bulk change to on-hand stock: who, when, why, and the result.</summary>
internal sealed class StockAdjustment
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public required string Sku { get; set; }

    public int Delta { get; set; }

    public int OnHandAfter { get; set; }

    public required string Reason { get; set; }

    public Guid? ActorId { get; set; }

    public DateTime At { get; set; }
}

internal abstract class InventoryDbContext : ModuleDbContext
{
    public InventoryDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options, session)
    {
    }

    public DbSet<StockItem> Stock => Set<StockItem>();

    public DbSet<StockAdjustment> Adjustments => Set<StockAdjustment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StockItem>(stock =>
        {
            stock.ToTable("inventory_stock", table => table.HasCheckConstraint("CK_inventory_stock_available", "\"Reserved\" >= 0 AND \"OnHand\" >= \"Reserved\""));
            stock.HasKey(s => s.ProductId);
            stock.Property(s => s.Sku).HasMaxLength(40);
            stock.HasIndex(s => s.Sku).IsUnique();
            stock.Ignore(s => s.Available);
        });
        modelBuilder.Entity<StockAdjustment>(adjustment =>
        {
            adjustment.ToTable("inventory_adjustments");
            adjustment.HasKey(a => a.Id);
            adjustment.Property(a => a.Sku).HasMaxLength(40);
            adjustment.Property(a => a.Reason).HasMaxLength(200);
            adjustment.HasIndex(a => new { a.ProductId, a.At });
        });
    }
}

internal sealed class SqliteInventoryDbContext(DbContextOptions<SqliteInventoryDbContext> options, DatabaseSession? session = null)
    : InventoryDbContext(options, session);

internal sealed class PostgresInventoryDbContext(DbContextOptions<PostgresInventoryDbContext> options, DatabaseSession? session = null)
    : InventoryDbContext(options, session);

internal sealed class SqliteInventoryDesignTimeFactory : SqliteDesignTimeFactory<SqliteInventoryDbContext>;

internal sealed class PostgresInventoryDesignTimeFactory : PostgresDesignTimeFactory<PostgresInventoryDbContext>;
