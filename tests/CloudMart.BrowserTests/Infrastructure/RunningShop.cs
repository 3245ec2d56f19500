using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudMart.BrowserTests.Infrastructure;

/// <summary>
/// The real shop as a separate process on a free loopback port, over a fresh SQLite data directory with the demo
/// catalog seeded — what a new user gets from <c>dotnet run --project src/CloudMart</c>.
/// </summary>
public sealed class RunningShop : IAsyncDisposable
{
    public const string AdminEmail = "admin@cloudmart.test";
    public const string AdminPassword = "Admin-Passw0rd";

    private readonly Process _process;
    private readonly string _dataDirectory;

    private RunningShop(Process process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    public string DataDirectory => _dataDirectory;

    public static async Task<RunningShop> StartAsync(IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cloudmart-browser", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ShopAssembly(), "serve", "--urls", baseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CloudMart__DataDirectory"] = dataDirectory;
        start.Environment["CloudMart__Admin__Email"] = AdminEmail;
        start.Environment["CloudMart__Admin__Password"] = AdminPassword;
        start.Environment["CloudMart__RateLimits__SignInPerMinute"] = "10000";
        start.Environment["CloudMart__RateLimits__OrdersPerMinute"] = "10000";
        start.Environment["CloudMart__RateLimits__AccountEmailsPerHourPerClient"] = "10000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the shop.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var shop = new RunningShop(process, baseUrl, dataDirectory);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return shop;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        await shop.DisposeAsync();
        string log;
        lock (output)
        {
            log = output.ToString();
        }
        throw new InvalidOperationException($"The shop did not become ready at {baseUrl}. Its output:\n{log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }

    /// <summary>The shop's build output for the same configuration as these tests.</summary>
    internal static string ShopAssembly()
    {
        var testDirectory = AppContext.BaseDirectory; // …/tests/CloudMart.BrowserTests/bin/<Configuration>/net10.0/
        var framework = new DirectoryInfo(testDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var path = Path.Combine(RepositoryRoot(), "src", "CloudMart", "bin", configuration, framework.Name, "CloudMart.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first; the shop's binary is missing.", path);
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CloudMart.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("CloudMart.slnx not found above the test binaries.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
