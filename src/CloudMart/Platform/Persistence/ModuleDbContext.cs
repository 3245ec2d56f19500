using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CloudMart.Platform.Persistence;

/// <summary>
/// Base of every module's DbContext: joins the scope's shared connection and applies the conventions that keep
/// SQLite and PostgreSQL behaving alike (money as integer cents so it sorts and compares in SQL, UTC timestamps).
/// </summary>
internal abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options, DatabaseSession? session)
        : base(options)
    {
        session?.Attach(this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StoreConventions.Apply(configurationBuilder);
}

internal static class StoreConventions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<MoneyAsCents>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTime>();
        configurationBuilder.Properties<string>().AreUnicode();
    }
}

/// <summary>Money has at most two decimals; stored as a whole number of cents it orders and compares correctly on SQLite.</summary>
internal sealed class MoneyAsCents() : ValueConverter<decimal, long>(
    value => (long)decimal.Round(value * 100m, MidpointRounding.AwayFromZero),
    cents => cents / 100m);

internal sealed class UtcDateTime() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));
