namespace CloudMart.Platform.Persistence;

/// <summary>Where the shop keeps its files (SQLite database, keys, mail, images): <c>CloudMart:DataDirectory</c>, default <c>./data</c>.</summary>
internal sealed class DataDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public static DataDirectory From(IConfiguration configuration)
    {
        var directory = new DataDirectory(configuration["CloudMart:DataDirectory"] ?? "data");
        Directory.CreateDirectory(directory.Path);
        return directory;
    }
}
