using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMart.Tests.AI.Chat.Fakes;

/// <summary>
/// A provider's HTTP API on a loopback Kestrel port, answering from a script, so the real SDKs are driven over the
/// real wire protocol. Requests are kept for the tests to inspect.
/// </summary>
public abstract class FakeModelServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ModelReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    public string BaseAddress { get; private set; } = "";

    /// <summary>The answer when the script has run out; unset, an unscripted request is a test bug and answers 418.</summary>
    public ModelReply? Always { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Script(params ModelReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync();
        BaseAddress = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    protected abstract void Map(WebApplication app);

    protected async Task<(RecordedRequest Request, ModelReply Reply)> ReceiveAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            http.Request.Path.Value ?? "",
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            JsonDocument.Parse(body).RootElement.Clone());
        _requests.Enqueue(request);
        return (request, _script.TryDequeue(out var next) ? next : Always ?? ModelReply.Status(418));
    }

    protected static async Task HangAsync(HttpContext http)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up, as it should
        }
    }

    protected static string[] Words(string text) => text.Split(' ').Select((w, i) => i == 0 ? w : " " + w).ToArray();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body, JsonElement Json);
