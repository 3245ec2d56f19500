using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudMart.Platform.Persistence;

/// <summary>
/// One database connection per request (or CLI command), shared by every module's DbContext in that scope, so that
/// a unit of work spanning modules (placing an order reserves stock, writes the order and the outbox) is ONE
/// database transaction without distributed transactions. Each module still owns and maps only its own tables.
/// </summary>
internal sealed class DatabaseSession(DatabaseConnectionFactory connections) : IAsyncDisposable, IDisposable
{
    private readonly List<DbContext> _contexts = [];
    private readonly List<Func<Task>> _afterCommit = [];
    private DbConnection? _connection;

    public DbConnection Connection => _connection ??= connections.Create();

    public DbTransaction? Transaction { get; private set; }

    public DatabaseProvider Provider => connections.Provider;

    /// <summary>Called by each module DbContext's constructor.</summary>
    public void Attach(DbContext context)
    {
        context.Database.SetDbConnection(Connection);
        if (Transaction is not null)
        {
            context.Database.UseTransaction(Transaction);
        }
        _contexts.Add(context);
    }

    internal IReadOnlyList<DbContext> Contexts => _contexts;

    /// <summary>
    /// Runs once the current transaction has committed (and never if it rolls back): for effects outside the
    /// database that must not run ahead of the data, such as evicting cached catalog pages. Without a transaction, runs now.
    /// </summary>
    public Task AfterCommitAsync(Func<Task> action)
    {
        if (Transaction is null)
        {
            return action();
        }
        _afterCommit.Add(action);
        return Task.CompletedTask;
    }

    internal async Task RunAfterCommitAsync()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            await action();
        }
    }

    internal async Task<DbTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (Connection.State != System.Data.ConnectionState.Open)
        {
            await Connection.OpenAsync(cancellationToken);
        }
        Transaction = Connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false) // BEGIN IMMEDIATE: take the write lock up front, never fail at upgrade
            : await Connection.BeginTransactionAsync(cancellationToken);
        foreach (var context in _contexts)
        {
            await context.Database.UseTransactionAsync(Transaction, cancellationToken);
        }
        return Transaction;
    }

    internal async Task EndAsync()
    {
        _afterCommit.Clear();
        if (Transaction is null)
        {
            return;
        }
        foreach (var context in _contexts)
        {
            await context.Database.UseTransactionAsync(null);
            context.ChangeTracker.Clear();
        }
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        Transaction = null;
        _connection?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}

/// <summary>Creates provider connections: SQLite with the pragmas this app relies on, PostgreSQL from a pooled data source.</summary>
internal sealed class DatabaseConnectionFactory : IAsyncDisposable
{
    private readonly string _sqliteConnectionString = "";
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _synchronous;

    public DatabaseConnectionFactory(DatabaseOptions options, DataDirectory data, IConfiguration configuration)
    {
        Provider = options.Provider;
        _synchronous = options.SqliteSynchronous.ToUpperInvariant() switch
        {
            "NORMAL" => "NORMAL",
            "FULL" => "FULL",
            var other => throw new InvalidOperationException(
                $"CloudMart:Database:SqliteSynchronous must be NORMAL or FULL, not '{other}'."),
        };
        if (Provider == DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "CloudMart:Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            }
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
        else
        {
            _sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = data.Combine(options.SqliteFile),
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    public string SqliteConnectionString => _sqliteConnectionString;

    public DbConnection Create()
    {
        if (_postgres is not null)
        {
            return _postgres.CreateConnection();
        }
        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Open)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = $"PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
