using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.Data;

/// <summary>The next order sequence number (CM-000123), inside the placing transaction.</summary>
internal static class OrderNumbers
{
    public static async Task<long> NextAsync(OrderingDbContext db, CancellationToken cancellationToken)
    {
        if (db is PostgresOrderingDbContext)
        {
            return await db.Database.SqlQueryRaw<long>($"SELECT nextval('{PostgresOrderingDbContext.OrderNumbers}') AS \"Value\"")
                .SingleAsync(cancellationToken);
        }
        // SQLite: the write transaction was begun IMMEDIATE, so no other writer (in any process) can take the same number.
        return (await db.Orders.MaxAsync(o => (long?)o.Sequence, cancellationToken) ?? 0) + 1;
    }
}
