using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Notifications.Data;

/// <summary>An outside system's URL that receives the shop's events, signed with its own secret.</summary>
internal sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Event type names, e.g. OrderConfirmed, separated by commas.</summary>
    public required string EventTypes { get; set; }

    public required string Secret { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event to one endpoint: its attempts and outcome, kept for admins to see.</summary>
internal sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }

    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    public required string Body { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public DateTime? LockedUntil { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }
}

internal abstract class NotificationsDbContext : ModuleDbContext
{
    protected NotificationsDbContext(DbContextOptions options, DatabaseSession? session)
        : base(options, session)
    {
    }

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("notifications_webhook_endpoints");
            endpoint.HasKey(e => e.Id);
            endpoint.Property(e => e.Url).HasMaxLength(500);
            endpoint.Property(e => e.Description).HasMaxLength(200);
            endpoint.Property(e => e.EventTypes).HasMaxLength(1000);
            endpoint.Property(e => e.Secret).HasMaxLength(100);
            endpoint.Ignore(e => e.EventTypeList);
        });
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("notifications_webhook_deliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.EventType).HasMaxLength(100);
            delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            delivery.Property(d => d.LastError).HasMaxLength(500);
            delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        });
    }
}

internal sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options, DatabaseSession? session = null)
    : NotificationsDbContext(options, session);

internal sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options, DatabaseSession? session = null)
    : NotificationsDbContext(options, session);

internal sealed class SqliteNotificationsDesignTimeFactory : SqliteDesignTimeFactory<SqliteNotificationsDbContext>;

internal sealed class PostgresNotificationsDesignTimeFactory : PostgresDesignTimeFactory<PostgresNotificationsDbContext>;
