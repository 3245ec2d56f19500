using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Recommendations.Data;

internal enum PurchaseState
{
    /// <summary>Placed, payment not yet settled: the customer has it, the co-purchase counts do not yet.</summary>
    Pending,

    /// <summary>Paid: part of the co-purchase counts.</summary>
    Counted,

    /// <summary>Cancelled or its payment failed: no longer a purchase.</summary>
    Withdrawn,
}

/// <summary>One product of one order, as the order events told it: the module's own record of who bought what.</summary>
internal sealed class PurchasedLine
{
    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public Guid CustomerId { get; set; }

    public int Quantity { get; set; }

    public DateTime PlacedAt { get; set; }

    public PurchaseState State { get; set; }
}

/// <summary>That a signed-in customer looked at a product: how often and when last.</summary>
internal sealed class ProductView
{
    public Guid CustomerId { get; set; }

    public Guid ProductId { get; set; }

    public int Views { get; set; }

    public DateTime LastViewedAt { get; set; }
}

/// <summary>How many customers have bought a product (in paid, uncancelled orders).</summary>
internal sealed class ProductBuyers
{
    public Guid ProductId { get; set; }

    public int Buyers { get; set; }
}

/// <summary>How many customers have bought both products; kept in both directions so a product's row range is its neighbourhood.</summary>
internal sealed class CoPurchase
{
    public Guid ProductId { get; set; }

    public Guid OtherProductId { get; set; }

    public int Together { get; set; }
}

/// <summary>
/// One row per customer whose purchases the model has counted. Updating it first serialises that customer's
/// model updates, so two of their orders settling at once on PostgreSQL do not both count a product as new.
/// </summary>
internal sealed class CustomerActivity
{
    public Guid CustomerId { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal abstract class RecommendationsDbContext : ModuleDbContext
{
    protected RecommendationsDbContext(DbContextOptions options, DatabaseSession? session)
        : base(options, session)
    {
    }

    public DbSet<PurchasedLine> PurchasedLines => Set<PurchasedLine>();

    public DbSet<ProductView> Views => Set<ProductView>();

    public DbSet<ProductBuyers> ProductBuyers => Set<ProductBuyers>();

    public DbSet<CoPurchase> CoPurchases => Set<CoPurchase>();

    public DbSet<CustomerActivity> Customers => Set<CustomerActivity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PurchasedLine>(line =>
        {
            line.ToTable(Tables.PurchasedLines);
            line.HasKey(l => new { l.OrderId, l.ProductId });
            line.Property(l => l.State).HasConversion<string>().HasMaxLength(12);
            line.HasIndex(l => new { l.CustomerId, l.State });
        });
        modelBuilder.Entity<ProductView>(view =>
        {
            view.ToTable(Tables.Views);
            view.HasKey(v => new { v.CustomerId, v.ProductId });
            view.HasIndex(v => new { v.CustomerId, v.LastViewedAt });
        });
        modelBuilder.Entity<ProductBuyers>(buyers =>
        {
            buyers.ToTable(Tables.ProductBuyers);
            buyers.HasKey(b => b.ProductId);
            buyers.HasIndex(b => b.Buyers);
        });
        modelBuilder.Entity<CoPurchase>(pair =>
        {
            pair.ToTable(Tables.CoPurchases);
            pair.HasKey(p => new { p.ProductId, p.OtherProductId });
            pair.HasIndex(p => new { p.ProductId, p.Together });
        });
        modelBuilder.Entity<CustomerActivity>(customer =>
        {
            customer.ToTable(Tables.Customers);
            customer.HasKey(c => c.CustomerId);
        });
    }

    /// <summary>Table names, also used by the few raw SQL upserts that both providers share.</summary>
    internal static class Tables
    {
        public const string PurchasedLines = "recommendations_purchased_lines";
        public const string Views = "recommendations_views";
        public const string ProductBuyers = "recommendations_product_buyers";
        public const string CoPurchases = "recommendations_co_purchases";
        public const string Customers = "recommendations_customers";
    }
}

internal sealed class SqliteRecommendationsDbContext(DbContextOptions<SqliteRecommendationsDbContext> options, DatabaseSession? session = null)
    : RecommendationsDbContext(options, session);

internal sealed class PostgresRecommendationsDbContext(DbContextOptions<PostgresRecommendationsDbContext> options, DatabaseSession? session = null)
    : RecommendationsDbContext(options, session);

internal sealed class SqliteRecommendationsDesignTimeFactory : SqliteDesignTimeFactory<SqliteRecommendationsDbContext>;

internal sealed class PostgresRecommendationsDesignTimeFactory : PostgresDesignTimeFactory<PostgresRecommendationsDbContext>;
