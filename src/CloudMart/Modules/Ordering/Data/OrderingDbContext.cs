using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.Data;

/// <summary>
/// An <c>Idempotency-Key</c> a customer used to place an order, with the exact response they got, so that a replay
/// (even a concurrent one: the primary key decides the winner) returns the same response and has no second effect.
/// </summary>
internal sealed class IdempotencyRecord
{
    public Guid CustomerId { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public Guid OrderId { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseBody { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal abstract class OrderingDbContext : ModuleDbContext
{
    public OrderingDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options, session)
    {
    }

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("ordering_orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Number).HasMaxLength(20);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            order.Property(o => o.Currency).HasMaxLength(3);
            order.Property(o => o.PaymentToken).HasMaxLength(100);
            order.Property(o => o.Carrier).HasMaxLength(100);
            order.Property(o => o.TrackingNumber).HasMaxLength(100);
            order.Property(o => o.Version).IsConcurrencyToken();
            order.HasIndex(o => o.Sequence).IsUnique();
            order.HasIndex(o => o.Number).IsUnique();
            order.HasIndex(o => new { o.CustomerId, o.CreatedAt });
            order.HasIndex(o => new { o.Status, o.CreatedAt });
            order.HasIndex(o => o.CreatedAt);
            order.OwnsOne(o => o.ShippingAddress, address =>
            {
                address.Property(a => a.Name).HasMaxLength(100);
                address.Property(a => a.Line1).HasMaxLength(200);
                address.Property(a => a.Line2).HasMaxLength(200);
                address.Property(a => a.City).HasMaxLength(100);
                address.Property(a => a.PostalCode).HasMaxLength(20);
                address.Property(a => a.Country).HasMaxLength(2);
            });
            order.OwnsMany(o => o.Lines, line =>
            {
                line.ToTable("ordering_order_lines");
                line.WithOwner().HasForeignKey("OrderId");
                line.Property<int>("Id");
                line.HasKey("Id");
                line.Property(l => l.Sku).HasMaxLength(40);
                line.Property(l => l.Name).HasMaxLength(120);
                line.Ignore(l => l.LineTotal);
                line.HasIndex(l => l.ProductId);
            });
            order.OwnsMany(o => o.History, change =>
            {
                change.ToTable("ordering_order_history");
                change.WithOwner().HasForeignKey("OrderId");
                change.Property<int>("Id");
                change.HasKey("Id");
                change.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
                change.Property(c => c.Reason).HasMaxLength(500);
            });
            order.Navigation(o => o.Lines).AutoInclude();
            order.Navigation(o => o.History).AutoInclude();
        });
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("ordering_idempotency_keys");
            record.HasKey(r => new { r.CustomerId, r.Key });
            record.Property(r => r.Key).HasMaxLength(200);
            record.Property(r => r.RequestHash).HasMaxLength(64);
        });
    }
}

internal sealed class SqliteOrderingDbContext(DbContextOptions<SqliteOrderingDbContext> options, DatabaseSession? session = null)
    : OrderingDbContext(options, session);

internal sealed class PostgresOrderingDbContext(DbContextOptions<PostgresOrderingDbContext> options, DatabaseSession? session = null)
    : OrderingDbContext(options, session)
{
    public const string OrderNumbers = "ordering_order_numbers";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Order numbers come from a sequence on PostgreSQL, so concurrent checkouts never queue on a counter row.
        modelBuilder.HasSequence<long>(OrderNumbers);
    }
}

internal sealed class SqliteOrderingDesignTimeFactory : SqliteDesignTimeFactory<SqliteOrderingDbContext>;

internal sealed class PostgresOrderingDesignTimeFactory : PostgresDesignTimeFactory<PostgresOrderingDbContext>;
