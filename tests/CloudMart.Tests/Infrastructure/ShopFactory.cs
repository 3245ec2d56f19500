using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace CloudMart.Tests.Infrastructure;

/// <summary>
/// The whole shop in memory over a real database: a fresh SQLite file or a fresh PostgreSQL database per test class.
/// </summary>
public abstract class ShopFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@cloudmart.test";
    public const string AdminPassword = "Admin-Passw0rd";

    protected ShopFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "cloudmart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public abstract string Provider { get; }

    /// <summary>Settings a test class adds or overrides (rate limits, seeding, pricing…).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected abstract IDictionary<string, string?> DatabaseSettings();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CloudMart:DataDirectory"] = DataDirectory,
            ["CloudMart:Admin:Email"] = AdminEmail,
            ["CloudMart:Admin:Password"] = AdminPassword,
            ["CloudMart:Seed:DemoCatalog"] = "false",
            // Core tests step orders through their states by hand; pipeline tests turn the relay on.
            ["CloudMart:Relay:Enabled"] = "false",
            ["CloudMart:RateLimits:SignInPerMinute"] = "100000",
            ["CloudMart:RateLimits:OrdersPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Identity"] = "Error",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            // Each test shop makes a fresh key ring in its throwaway data directory; the warning that it is stored
            // unencrypted is true and expected there, and 60 copies of it bury real failures in a CI log.
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in DatabaseSettings().Concat(Settings))
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public Api Api() => new(this);

    /// <summary>This shop's database settings as options, so the <c>cloudmart</c> command works on the same database.</summary>
    public IEnumerable<string> DatabaseOptions() => DatabaseSettings().Select(setting => $"--{setting.Key}={setting.Value}");

    public virtual Task InitializeAsync()
    {
        _ = Server; // start the host: migrations and seeding run now
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a pooled connection; the temp folder is cleaned by the OS
        }
    }

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;
}

public class SqliteShop : ShopFactory
{
    public override string Provider => "Sqlite";

    protected override IDictionary<string, string?> DatabaseSettings() => new Dictionary<string, string?>
    {
        ["CloudMart:Database:Provider"] = "Sqlite",
    };
}

public class PostgresShop : ShopFactory
{
    private readonly string _database = "cm_test_" + Guid.NewGuid().ToString("N")[..12];

    public override string Provider => "Postgres";

    /// <summary>The throwaway cluster the test script starts; see scripts/test.sh.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("CLOUDMART_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "CLOUDMART_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a PostgreSQL cluster and sets it.");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ToString();

    protected override IDictionary<string, string?> DatabaseSettings() => new Dictionary<string, string?>
    {
        ["CloudMart:Database:Provider"] = "Postgres",
        ["ConnectionStrings:Postgres"] = ConnectionString,
    };

    public override async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
