namespace CloudMart.Platform.Messaging;

/// <summary>
/// That a handler has processed an event. Written in the same transaction as the handler's effects, so a
/// redelivered event finds it and has no second effect.
/// </summary>
internal sealed class InboxRecord
{
    public Guid EventId { get; set; }

    public required string Handler { get; set; }

    public DateTime ProcessedAt { get; set; }
}

/// <summary>An event a handler still failed after its last attempt: kept for an admin to inspect and replay.</summary>
internal sealed class DeadLetter
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public required string Type { get; set; }

    public required string StreamId { get; set; }

    public required string Handler { get; set; }

    public required string Payload { get; set; }

    public required string Error { get; set; }

    public int Attempts { get; set; }

    public DateTime FailedAt { get; set; }

    public DateTime? ReplayedAt { get; set; }
}
