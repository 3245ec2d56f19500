using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudMart.Platform.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build each provider's DbContext without starting the app
/// (see scripts/add-migration.sh). Connection strings here are placeholders: nothing connects at design time.
/// </summary>
internal abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable(History))
            .Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options, null)!;
    }

    private static string History => DesignTimeHistory.For(typeof(TContext));
}

internal abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=localhost", npgsql => npgsql.MigrationsHistoryTable(DesignTimeHistory.For(typeof(TContext))))
            .Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options, null)!;
    }
}

internal static class DesignTimeHistory
{
    /// <summary>SqliteCatalogDbContext → __migrations_catalog, matching <see cref="PersistenceRegistration"/>.</summary>
    public static string For(Type context) =>
        "__migrations_" + context.Name.Replace("Sqlite", "", StringComparison.Ordinal)
            .Replace("Postgres", "", StringComparison.Ordinal)
            .Replace("DbContext", "", StringComparison.Ordinal)
            .ToLowerInvariant();
}
