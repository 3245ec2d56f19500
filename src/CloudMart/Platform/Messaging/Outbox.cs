using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Platform.Messaging;

/// <summary>A row of the transactional outbox: written in the same transaction as the change it announces.</summary>
internal sealed class OutboxMessage
{
    public long Sequence { get; set; }

    public Guid EventId { get; set; }

    public required string Type { get; set; }

    public required string StreamId { get; set; }

    public required string Payload { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public int Attempts { get; set; }
}

/// <summary>Appends integration events to the outbox inside the current unit of work.</summary>
internal sealed class Outbox(MessagingDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Append<TEvent>(TEvent integrationEvent)
        where TEvent : IIntegrationEvent
    {
        db.Outbox.Add(new OutboxMessage
        {
            EventId = integrationEvent.EventId,
            Type = typeof(TEvent).Name,
            StreamId = integrationEvent.StreamId,
            Payload = JsonSerializer.Serialize(integrationEvent, Json),
            OccurredAt = integrationEvent.OccurredAt,
        });
    }
}

internal abstract class MessagingDbContext : ModuleDbContext
{
    public MessagingDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options, session)
    {
    }

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("platform_outbox");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.Property(m => m.Type).HasMaxLength(100);
            outbox.Property(m => m.StreamId).HasMaxLength(100);
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.HasIndex(m => new { m.ProcessedAt, m.Sequence });
        });
    }
}

internal sealed class SqliteMessagingDbContext(DbContextOptions<SqliteMessagingDbContext> options, DatabaseSession? session = null)
    : MessagingDbContext(options, session);

internal sealed class PostgresMessagingDbContext(DbContextOptions<PostgresMessagingDbContext> options, DatabaseSession? session = null)
    : MessagingDbContext(options, session);

internal sealed class SqliteMessagingDesignTimeFactory : SqliteDesignTimeFactory<SqliteMessagingDbContext>;

internal sealed class PostgresMessagingDesignTimeFactory : PostgresDesignTimeFactory<PostgresMessagingDbContext>;
