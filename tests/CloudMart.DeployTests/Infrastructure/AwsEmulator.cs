using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace CloudMart.DeployTests.Infrastructure;

/// <summary>
/// An AWS emulator (moto) for the Terraform applies and plans: CLOUDMART_TEST_MOTO when it names a running one,
/// otherwise a moto_server this test run starts on a free loopback port and stops at exit. Every name a test creates
/// carries a unique prefix, so a shared emulator is safe.
/// </summary>
internal static class AwsEmulator
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static string? _url;
    private static Process? _server;

    public static async Task<string> UrlAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_url is not null) return _url;
            var configured = Environment.GetEnvironmentVariable("CLOUDMART_TEST_MOTO");
            if (!string.IsNullOrEmpty(configured)) return _url = configured.TrimEnd('/');

            var port = FreePort();
            // A watchdog stops the emulator when this test process ends, however it ends (the test host may be
            // killed without running exit handlers).
            var start = new ProcessStartInfo(Tools.Require("bash"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"\"{Tools.Require("moto_server")}\" -H 127.0.0.1 -p {port} >/dev/null 2>&1 & m=$!; " +
                $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $m 2>/dev/null; do sleep 2; done; kill $m 2>/dev/null; wait $m");
            _server = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
            _server.OutputDataReceived += (_, _) => { };
            _server.ErrorDataReceived += (_, _) => { };
            _server.BeginOutputReadLine();
            _server.BeginErrorReadLine();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { _server.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };

            var url = $"http://127.0.0.1:{port}";
            using var http = new HttpClient();
            for (var attempt = 0; attempt < 120; attempt++)
            {
                try
                {
                    using var response = await http.GetAsync(url + "/moto-api/");
                    return _url = url;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }
            throw new InvalidOperationException("moto_server did not answer within 30 s");
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Calls an AWS JSON-protocol API (DynamoDB, ECR) on the emulator; moto does not check signatures.</summary>
    public static async Task<JsonNode?> CallAsync(string url, string service, string target, object body, string region = "us-east-1")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/{service}/aws4_request, SignedHeaders=host;x-amz-target, Signature=0");
        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{target}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
