using System.Collections.Concurrent;
using System.Net.Sockets;

namespace CloudMart.Tests.Pipeline;

/// <summary>An outside system on loopback that receives webhooks, checks their signature and dedupes by event id.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private int _failuresToAnswer;

    public WebhookReceiver(int failFirst = 0)
    {
        _failuresToAnswer = failFirst;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks";

    public string? Secret { get; set; }

    public ConcurrentQueue<(string EventId, string Type, string Body, bool SignatureValid)> Received { get; } = new();

    /// <summary>What the receiver "did": one effect per distinct event id, however often it arrives.</summary>
    public ConcurrentDictionary<string, int> Effects { get; } = new();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var id = context.Request.Headers["CloudMart-Event-Id"] ?? "";
            var timestamp = long.Parse(context.Request.Headers["CloudMart-Timestamp"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var signature = context.Request.Headers["CloudMart-Signature"] ?? "";
            var valid = Secret is not null && signature == CloudMart.Modules.Notifications.Webhooks.WebhookSignature.Sign(Secret, timestamp, body);
            Received.Enqueue((id, context.Request.Headers["CloudMart-Event-Type"] ?? "", body, valid));
            if (Interlocked.Decrement(ref _failuresToAnswer) >= 0)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                Effects.AddOrUpdate(id, 1, (_, n) => n); // dedupe: a repeat of an event id has no second effect
                context.Response.StatusCode = 204;
            }
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
