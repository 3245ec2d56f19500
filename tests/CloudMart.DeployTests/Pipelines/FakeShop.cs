using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudMart.DeployTests.Pipelines;

/// <summary>
/// A loopback HTTP server standing in for the deployed shop (the smoke test's /health/ready, catalog API and product
/// page) and for the Slack webhook (it records what was posted).
/// </summary>
internal sealed class FakeShop : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _slack = [];
    private readonly Task _loop;

    public FakeShop()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public string SlackUrl => Url + "/slack/hook";

    /// <summary>What /health/ready answers (200 for a healthy release).</summary>
    public int ReadyStatus { get; set; } = 200;

    public IReadOnlyList<string> SlackMessages { get { lock (_slack) return [.. _slack]; } }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            var path = context.Request.Url!.AbsolutePath;
            var (status, body) = path switch
            {
                "/slack/hook" => Record(context.Request),
                "/health/ready" => (ReadyStatus, """{"status":"Healthy"}"""),
                "/api/catalog/products" => (200, """{"items":[{"id":"1","slug":"stoneware-mug"}],"page":1}"""),
                "/p/stoneware-mug" => (200, "<html>mug</html>"),
                _ => (404, ""),
            };
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int, string) Record(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var text = JsonNode.Parse(reader.ReadToEnd())!["text"]!.GetValue<string>();
        lock (_slack) _slack.Add(text);
        return (200, "ok");
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
