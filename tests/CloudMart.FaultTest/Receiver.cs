using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CloudMart.FaultTest;

/// <summary>A webhook receiver that dedupes by event id, as the shop's documentation asks receivers to do.</summary>
internal sealed class Receiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public Receiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/events";

    public int Deliveries => _deliveries;

    private int _deliveries;

    /// <summary>Event id → (type, order id, times its effect ran: must stay 1).</summary>
    public ConcurrentDictionary<string, (string Type, string OrderId, int Effects)> Events { get; } = new();

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
            var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement;
            var id = context.Request.Headers["CloudMart-Event-Id"] ?? "";
            Interlocked.Increment(ref _deliveries);
            Events.AddOrUpdate(id,
                _ => (body.GetProperty("type").GetString()!, body.GetProperty("data").GetProperty("orderId").GetString()!, 1),
                (_, seen) => seen); // seen before: acknowledged, not acted on again
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
