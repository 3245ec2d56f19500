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

/// <summary>
/// Writes many inbox records in a few multi-row statements: a batch of events records one per event and handler,
/// and row-at-a-time inserts cost more in EF Core's per-command work than the database spends on them.
/// </summary>
internal static class InboxRecords
{
    private const int RowsPerStatement = 300;

    public static async Task InsertAsync(MessagingDbContext db, IReadOnlyList<InboxRecord> records, CancellationToken cancellationToken)
    {
        foreach (var chunk in records.Chunk(RowsPerStatement))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})"));
            var parameters = chunk.SelectMany(r => new object[] { r.EventId, r.Handler, r.ProcessedAt }).ToArray();
            // Only placeholders are interpolated; the values travel as parameters.
            var sql = $"""INSERT INTO platform_inbox ("EventId", "Handler", "ProcessedAt") VALUES {values}""";
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, sql, parameters, cancellationToken);
        }
    }
}
