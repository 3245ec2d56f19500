using System.Diagnostics;

namespace CloudMart.Tests.CommandLine;

/// <summary>Runs the real <c>cloudmart</c> command (the app's DLL) in its own process against a data directory.</summary>
public sealed class Cli : IDisposable
{
    private readonly bool _ownsDataDirectory;

    public Cli()
        : this(null)
    {
    }

    /// <summary>A command line over an existing data directory (a running test shop's), which it leaves in place.</summary>
    public Cli(string? dataDirectory)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "cloudmart-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public string PathFor(string fileName) => Path.Combine(DataDirectory, fileName);

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RunSeparatelyAsync(arguments);
        return (exitCode, output + error);
    }

    /// <summary>Like <see cref="RunAsync"/>, keeping standard output and standard error apart.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunSeparatelyAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1", ["TERM"] = "dumb", ["COLUMNS"] = "200" },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CloudMart.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add($"--CloudMart:DataDirectory={DataDirectory}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!_ownsDataDirectory)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
