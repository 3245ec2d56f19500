using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Assistant.Data;

/// <summary>One customer's conversation with the assistant; only its owner ever reads it.</summary>
internal sealed class Conversation
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public required string Title { get; set; }

    public int Turns { get; set; }

    /// <summary>What the assistant is waiting for (a confirmation, a missing order number…), as JSON.</summary>
    public string State { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<ConversationMessage> Messages { get; set; } = [];
}

internal sealed class ConversationMessage
{
    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public int Sequence { get; set; }

    /// <summary><c>user</c> or <c>assistant</c>.</summary>
    public required string Role { get; set; }

    public required string Text { get; set; }

    public string? Intent { get; set; }

    /// <summary>The actions and products shown with an assistant reply, as JSON.</summary>
    public string? Actions { get; set; }

    public string? Products { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A hand-over to a person: the customer's request with the conversation so far.</summary>
internal sealed class SupportTicket
{
    public Guid Id { get; set; }

    public long Sequence { get; set; }

    public string Number { get; set; } = "";

    public Guid CustomerId { get; set; }

    public Guid? ConversationId { get; set; }

    public required string Reason { get; set; }

    public required string Transcript { get; set; }

    public string Status { get; set; } = "Open";

    public DateTime CreatedAt { get; set; }

    public static string FormatNumber(long sequence) => $"ST-{sequence:D6}";
}

internal abstract class AssistantDbContext : ModuleDbContext
{
    public AssistantDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options, session)
    {
    }

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMessage> Messages => Set<ConversationMessage>();

    public DbSet<SupportTicket> Tickets => Set<SupportTicket>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("assistant_conversations");
            conversation.HasKey(c => c.Id);
            conversation.Property(c => c.Title).HasMaxLength(80);
            conversation.Property(c => c.State).HasMaxLength(4000);
            conversation.HasIndex(c => new { c.CustomerId, c.UpdatedAt });
            conversation.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId);
        });
        modelBuilder.Entity<ConversationMessage>(message =>
        {
            message.ToTable("assistant_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Role).HasMaxLength(16);
            message.Property(m => m.Text).HasMaxLength(8000);
            message.Property(m => m.Intent).HasMaxLength(60);
            message.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        });
        modelBuilder.Entity<SupportTicket>(ticket =>
        {
            ticket.ToTable("assistant_support_tickets");
            ticket.HasKey(t => t.Id);
            ticket.Property(t => t.Number).HasMaxLength(20);
            ticket.Property(t => t.Reason).HasMaxLength(500);
            ticket.Property(t => t.Status).HasMaxLength(20);
            ticket.HasIndex(t => t.Sequence).IsUnique();
            ticket.HasIndex(t => t.Number).IsUnique();
            ticket.HasIndex(t => new { t.CustomerId, t.CreatedAt });
            ticket.HasIndex(t => t.CreatedAt);
        });
    }
}

internal sealed class SqliteAssistantDbContext(DbContextOptions<SqliteAssistantDbContext> options, DatabaseSession? session = null)
    : AssistantDbContext(options, session);

internal sealed class PostgresAssistantDbContext(DbContextOptions<PostgresAssistantDbContext> options, DatabaseSession? session = null)
    : AssistantDbContext(options, session);

internal sealed class SqliteAssistantDesignTimeFactory : SqliteDesignTimeFactory<SqliteAssistantDbContext>;

internal sealed class PostgresAssistantDesignTimeFactory : PostgresDesignTimeFactory<PostgresAssistantDbContext>;
