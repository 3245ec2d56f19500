using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Platform.Persistence;

/// <summary>Applies every module's pending migrations, in registration order.</summary>
internal sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    DatabaseConnectionFactory connections,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (connections.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file: readers never block the writer and commits are cheap.
            await using var connection = new SqliteConnection(connections.SqliteConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var module in modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }
            await context.Database.MigrateAsync(cancellationToken);
            LogMigrated(module.Module, pending.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to module {Module}")]
    private partial void LogMigrated(string module, int count);
}
