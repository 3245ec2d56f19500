using Microsoft.EntityFrameworkCore;

namespace CloudMart.Platform.Persistence;

internal static class PersistenceRegistration
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton(DataDirectory.From(configuration));
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
        this IServiceCollection services, IConfiguration configuration, string module)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var history = $"__migrations_{module}";
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<TContext, TPostgres>(
                builder => builder.UseNpgsql(npgsql => npgsql.MigrationsHistoryTable(history)),
                optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            services.AddDbContext<TContext, TSqlite>(
                builder => builder.UseSqlite(sqlite => sqlite.MigrationsHistoryTable(history)),
                optionsLifetime: ServiceLifetime.Singleton);
        }
        services.AddSingleton(new ModuleDatabase(module, typeof(TContext)));
        return services;
    }
}

/// <summary>A module's DbContext, listed so that migrations and health checks cover every module.</summary>
internal sealed record ModuleDatabase(string Module, Type ContextType);
