using Microsoft.EntityFrameworkCore;

namespace CloudMart.Platform.Messaging;

/// <summary>
/// Claims the next outbox rows for one worker: only the oldest unprocessed row of each stream (so one order's events
/// are handled in order), due for (re)delivery, not leased by a live worker. On PostgreSQL several workers claim at
/// once with FOR UPDATE SKIP LOCKED; on SQLite one process claims inside the single-writer transaction.
/// </summary>
internal static class OutboxClaims
{
    public static async Task<List<long>> ClaimAsync(MessagingDbContext db, string worker, int batchSize, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = now + lease;
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQuery<long>($"""
                UPDATE platform_outbox SET "LockedUntil" = {until}, "LockedBy" = {worker}
                WHERE "Sequence" IN (
                    SELECT o."Sequence" FROM platform_outbox o
                    WHERE o."ProcessedAt" IS NULL
                      AND (o."NextAttemptAt" IS NULL OR o."NextAttemptAt" <= {now})
                      AND (o."LockedUntil" IS NULL OR o."LockedUntil" < {now})
                      AND NOT EXISTS (SELECT 1 FROM platform_outbox e
                                      WHERE e."StreamId" = o."StreamId" AND e."ProcessedAt" IS NULL AND e."Sequence" < o."Sequence")
                    ORDER BY o."Sequence"
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Sequence" AS "Value"
                """).ToListAsync(cancellationToken);
        }
        var due = await db.Outbox
            .Where(o => o.ProcessedAt == null
                && (o.NextAttemptAt == null || o.NextAttemptAt <= now)
                && (o.LockedUntil == null || o.LockedUntil < now)
                && !db.Outbox.Any(e => e.StreamId == o.StreamId && e.ProcessedAt == null && e.Sequence < o.Sequence))
            .OrderBy(o => o.Sequence)
            .Select(o => o.Sequence)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (due.Count > 0)
        {
            await db.Outbox.Where(o => due.Contains(o.Sequence))
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.LockedUntil, until).SetProperty(o => o.LockedBy, worker), cancellationToken);
        }
        return due;
    }
}
