using Microsoft.EntityFrameworkCore;

namespace CloudMart.Platform.Persistence;

internal static class PersistenceRegistration
{
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        // Read when first needed, not now: hosts and test factories may still add configuration after registration.
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
        services.AddSingleton(sp => DataDirectory.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<DatabaseConnectionFactory>();
        services.AddSingleton<WriteGate>();
        services.AddScoped<DatabaseSession>();
        services.AddScoped<UnitOfWork>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>
    /// Registers a module's DbContext. Each module has one model and one subclass per provider, because EF Core
    /// migrations are provider-specific; the subclass for the configured provider is what the module receives.
    /// Each module keeps its own migrations history table, so modules migrate independently.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(
        this IServiceCollection services, string module)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var history = $"__migrations_{module}";
        services.AddDbContext<TPostgres>(
            builder => builder.UseNpgsql(npgsql => npgsql.MigrationsHistoryTable(history).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)),
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<TSqlite>(
            builder => builder.UseSqlite(sqlite => sqlite.MigrationsHistoryTable(history).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)),
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<TContext>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<TPostgres>()
            : sp.GetRequiredService<TSqlite>());
        services.AddSingleton(new ModuleDatabase(module, typeof(TContext)));
        return services;
    }
}

/// <summary>A module's DbContext, listed so that migrations and health checks cover every module.</summary>
internal sealed record ModuleDatabase(string Module, Type ContextType);
