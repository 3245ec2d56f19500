// Benchmark (e), the write ceiling: single-row INSERT transactions per second on the app's own SQLite file,
// one writer, WAL, synchronous=NORMAL (the app's setting), into a scratch table created here and dropped at the end.
// Usage: InsertCeiling --db PATH/cloudmart.db [--seconds 10] [--rounds 3] [--warmup 2] [--synchronous NORMAL|FULL]
// Prints one line per round:  ROUND n rows=N seconds=S rows_per_s=R p50_ms=X p99_ms=Y
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("Usage: InsertCeiling --db PATH [--seconds 10] [--rounds 3] [--warmup 2] [--synchronous NORMAL|FULL]");
    return 2;
}
if (!File.Exists(options.Database))
{
    Console.Error.WriteLine($"There is no database file '{options.Database}'.");
    return 2;
}

// The same connection settings as the app's DatabaseConnectionFactory.
var connectionString = new SqliteConnectionStringBuilder
{
    DataSource = options.Database,
    Mode = SqliteOpenMode.ReadWrite,
    Cache = SqliteCacheMode.Private,
    Pooling = true,
    DefaultTimeout = 30,
}.ToString();

using var connection = new SqliteConnection(connectionString);
connection.Open();
Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={options.Synchronous}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;");
var journal = Scalar(connection, "PRAGMA journal_mode;");
var synchronous = Scalar(connection, "PRAGMA synchronous;"); // 1 = NORMAL, 2 = FULL
Console.WriteLine($"db={options.Database} journal_mode={journal} synchronous={synchronous} sqlite={Scalar(connection, "select sqlite_version();")}");

const string Table = "bench_insert_ceiling";
Execute(connection, $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, created_at TEXT NOT NULL);");
try
{
    using var insert = connection.CreateCommand();
    insert.CommandText = $"INSERT INTO {Table} (payload, created_at) VALUES ($payload, $at);";
    var payload = insert.Parameters.Add("$payload", SqliteType.Text);
    var at = insert.Parameters.Add("$at", SqliteType.Text);
    insert.Prepare();

    // One transaction = BEGIN IMMEDIATE (as the app's unit of work), one INSERT, COMMIT.
    void InsertOne(long n)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        insert.Transaction = transaction;
        payload.Value = "row " + n.ToString(CultureInfo.InvariantCulture);
        at.Value = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        insert.ExecuteNonQuery();
        transaction.Commit();
    }

    long counter = 0;
    var warmup = Stopwatch.StartNew();
    while (warmup.Elapsed.TotalSeconds < options.WarmupSeconds)
    {
        InsertOne(counter++);
    }

    var perTransaction = new List<double>(1 << 20);
    for (var round = 1; round <= options.Rounds; round++)
    {
        perTransaction.Clear();
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(options.Seconds);
        long rows = 0;
        while (clock.Elapsed < limit)
        {
            var start = Stopwatch.GetTimestamp();
            InsertOne(counter++);
            perTransaction.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            rows++;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        perTransaction.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ROUND {round} rows={rows} seconds={seconds:0.000} rows_per_s={rows / seconds:0.0} p50_ms={Percentile(perTransaction, 0.50):0.000} p99_ms={Percentile(perTransaction, 0.99):0.000} max_ms={perTransaction[^1]:0.000}"));
    }
}
finally
{
    Execute(connection, $"DROP TABLE IF EXISTS {Table};");
    Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
}
return 0;

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static string Scalar(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

internal sealed record Options(string Database, double Seconds, int Rounds, double WarmupSeconds, string Synchronous)
{
    public static Options? Parse(string[] args)
    {
        string? db = null;
        double seconds = 10, warmup = 2;
        int rounds = 3;
        var synchronous = "NORMAL";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--db": db = value; break;
                case "--seconds": seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--synchronous": synchronous = value.ToUpperInvariant() is "FULL" ? "FULL" : "NORMAL"; break;
                default: return null;
            }
        }
        return db is null || args.Length % 2 != 0 || seconds <= 0 || rounds < 1 ? null : new Options(Path.GetFullPath(db), seconds, rounds, warmup, synchronous);
    }
}
