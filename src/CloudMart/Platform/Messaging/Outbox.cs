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

    /// <summary>When a failed delivery may be tried again (exponential backoff with jitter).</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>A relay worker's claim on the row; another worker may take it once the lease has run out.</summary>
    public DateTime? LockedUntil { get; set; }

    public string? LockedBy { get; set; }

    public string? LastError { get; set; }
}

/// <summary>Appends integration events to the outbox inside the current unit of work.</summary>
internal sealed class Outbox(MessagingDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True once this scope appended an event: after commit, the unit of work wakes the relay.</summary>
    public bool HasAppended { get; private set; }

    public void Append<TEvent>(TEvent integrationEvent)
        where TEvent : IIntegrationEvent
    {
        HasAppended = true;
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

    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();

    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();

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
            outbox.HasIndex(m => new { m.StreamId, m.ProcessedAt, m.Sequence });
            outbox.Property(m => m.LockedBy).HasMaxLength(100);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<InboxRecord>(inbox =>
        {
            inbox.ToTable("platform_inbox");
            inbox.HasKey(i => new { i.EventId, i.Handler });
            inbox.Property(i => i.Handler).HasMaxLength(100);
        });
        modelBuilder.Entity<DeadLetter>(dead =>
        {
            dead.ToTable("platform_dead_letters");
            dead.HasKey(d => d.Id);
            dead.Property(d => d.Handler).HasMaxLength(100);
            dead.Property(d => d.Type).HasMaxLength(100);
            dead.Property(d => d.StreamId).HasMaxLength(100);
            dead.Property(d => d.Error).HasMaxLength(2000);
            dead.HasIndex(d => new { d.ReplayedAt, d.FailedAt });
        });
    }
}

internal sealed class SqliteMessagingDbContext(DbContextOptions<SqliteMessagingDbContext> options, DatabaseSession? session = null)
    : MessagingDbContext(options, session);

internal sealed class PostgresMessagingDbContext(DbContextOptions<PostgresMessagingDbContext> options, DatabaseSession? session = null)
    : MessagingDbContext(options, session);

internal sealed class SqliteMessagingDesignTimeFactory : SqliteDesignTimeFactory<SqliteMessagingDbContext>;

internal sealed class PostgresMessagingDesignTimeFactory : PostgresDesignTimeFactory<PostgresMessagingDbContext>;
