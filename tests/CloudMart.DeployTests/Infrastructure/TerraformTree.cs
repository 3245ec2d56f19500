namespace CloudMart.DeployTests.Infrastructure;

/// <summary>
/// Runs terraform on a copy of deploy/terraform (and deploy/dynamodb, which the data module reads), so that the
/// working tree never gets .terraform folders, lock-file changes or state. Providers come from the offline plugin
/// folder through a shared plugin cache (links, not 700 MB copies).
/// </summary>
internal sealed class TerraformTree : IDisposable
{
    public static string PluginDirectory => Environment.GetEnvironmentVariable("TF_PLUGIN_DIR") is { Length: > 0 } dir ? dir : "/opt/tf-plugins";

    private static readonly string PluginCache = Path.Combine(Path.GetTempPath(), "cloudmart-tf-plugin-cache");

    // terraform's plugin cache is not safe for concurrent `init`s.
    private static readonly SemaphoreSlim InitLock = new(1, 1);

    private readonly TempDirectory _copy;

    private TerraformTree(string prefix)
    {
        _copy = Repo.TempDirectory(prefix);
        CopyTree(Repo.PathOf("deploy", "terraform"), Path.Combine(_copy.Path, "deploy", "terraform"));
        CopyTree(Repo.PathOf("deploy", "dynamodb"), Path.Combine(_copy.Path, "deploy", "dynamodb"));
    }

    /// <summary>The copied root of one configuration, e.g. environments/local.</summary>
    public string RootOf(string relative) => Path.Combine(_copy.Path, "deploy", "terraform", relative);

    public static TerraformTree CopyOfDeployTree(string prefix) => new(prefix);

    public static IReadOnlyDictionary<string, string?> Environment_ => new Dictionary<string, string?>
    {
        ["TF_IN_AUTOMATION"] = "1",
        ["TF_INPUT"] = "0",
        ["CHECKPOINT_DISABLE"] = "1",
        ["TF_PLUGIN_CACHE_DIR"] = PluginCache,
        ["NO_COLOR"] = "1",
        ["TF_LOG"] = null,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public static async Task<ToolResult> RunAsync(string root, TimeSpan timeout, params string[] arguments)
    {
        var result = await Tools.RunAsync("terraform", arguments, root, Environment_, timeout);
        return result;
    }

    public async Task InitAsync(string root, bool backend = true)
    {
        Directory.CreateDirectory(PluginCache);
        await InitLock.WaitAsync();
        try
        {
            var arguments = new List<string> { "init", "-input=false", "-no-color", $"-plugin-dir={PluginDirectory}" };
            if (!backend) arguments.Add("-backend=false");
            var result = await RunAsync(root, TimeSpan.FromMinutes(5), [.. arguments]);
            Assert.True(result.ExitCode == 0, $"terraform init in {root} failed: {result.Describe()}");
        }
        finally
        {
            InitLock.Release();
        }
    }

    public void Dispose() => _copy.Dispose();

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p == ".terraform") || relative.EndsWith(".tfstate", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
