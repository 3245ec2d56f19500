namespace CloudMart.Platform.Persistence;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>CloudMart:Database</c>; validated at start so a wrong setting fails fast with its name.</summary>
internal sealed class DatabaseOptions
{
    public const string Section = "CloudMart:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>File name of the SQLite database inside the data directory.</summary>
    public string SqliteFile { get; set; } = "cloudmart.db";

    /// <summary>Apply pending migrations when <c>serve</c> starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary><c>NORMAL</c> survives a process crash in WAL mode; <c>FULL</c> also survives power loss.</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";
}
