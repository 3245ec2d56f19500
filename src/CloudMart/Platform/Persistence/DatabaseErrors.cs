using Microsoft.Data.Sqlite;
using Npgsql;

namespace CloudMart.Platform.Persistence;

internal static class DatabaseErrors
{
    /// <summary>True when the failure is a unique constraint: someone else wrote the same key first.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => exception.InnerException is { } inner && IsUniqueViolation(inner),
    };
}
