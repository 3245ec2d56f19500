using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CloudMart.Platform.Aws.Streams;
using CloudMart.Platform.Messaging;
using CloudMart.Tests.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Tests.Aws;

/// <summary>The shop on DynamoDB with no poller: here the stream's batches come through the Lambda Runtime API.</summary>
public sealed class DynamoLambdaShop : DynamoPipelineShop
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["CloudMart:DynamoDb:Streams:Enabled"] = "false";
            return settings;
        }
    }
}

/// <summary>
/// The Lambda Runtime API (2018-06-01) served by the test: it hands out the invocations it is given and keeps what
/// the function answers, so the function's loop runs over real HTTP exactly as under Lambda.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Id, string Body)> _invocations = new();

    public ConcurrentDictionary<string, (string Path, string Body)> Answers { get; } = new();

    public string Address { get; }

    private FakeRuntimeApi(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeRuntimeApi? api = null;
        app.MapGet("/2018-06-01/runtime/invocation/next", async (HttpContext http) =>
        {
            (string Id, string Body) next;
            while (!api!._invocations.TryDequeue(out next))
            {
                await Task.Delay(20, http.RequestAborted);
            }
            http.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.Id;
            http.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.Response.WriteAsync(next.Body);
        });
        app.MapPost("/2018-06-01/runtime/invocation/{id}/{outcome}", async (string id, string outcome, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            api!.Answers[id] = (outcome, await reader.ReadToEndAsync());
            return Results.Accepted();
        });
        await app.StartAsync();
        var address = app.Urls.First().Replace("http://", "", StringComparison.Ordinal);
        api = new FakeRuntimeApi(app, address);
        return api;
    }

    public string Invoke(string body)
    {
        var id = Guid.NewGuid().ToString();
        _invocations.Enqueue((id, body));
        return id;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class RunningAsALambdaFunction(DynamoLambdaShop shop) : IClassFixture<DynamoLambdaShop>
{
    private readonly Api _api = shop.Api();

    private static string Batch(IEnumerable<JsonElement> records) =>
        JsonSerializer.Serialize(new { Records = records.Select(r => JsonSerializer.Deserialize<JsonElement>(r.GetRawText())).ToArray() });

    /// <summary>Runs the function's loop for one invocation against the test's Runtime API, and returns its answer.</summary>
    private async Task<(string Outcome, JsonElement Body)> InvokeAsync(string body)
    {
        await using var runtimeApi = await FakeRuntimeApi.StartAsync();
        using var http = new HttpClient { BaseAddress = LambdaRuntime.BaseAddress(runtimeApi.Address) };
        var function = new LambdaRuntime(http, shop.Services.GetRequiredService<StreamBatchHandler>(), shop.Services.GetRequiredService<ILogger<LambdaRuntime>>());
        var id = runtimeApi.Invoke(body);
        await function.RunAsync(invocations: 1, CancellationToken.None);
        var (outcome, answer) = runtimeApi.Answers[id];
        return (outcome, JsonSerializer.Deserialize<JsonElement>(answer));
    }

    private async Task<JsonElement> OrderAsync(HttpClient client, Guid id) => await (await client.GetAsync($"/api/orders/{id}")).Json();

    private int MailCount(string prefix) =>
        Directory.Exists(Path.Combine(shop.DataDirectory, "mail")) ? Directory.GetFiles(Path.Combine(shop.DataDirectory, "mail"), prefix + "*.eml").Length : 0;

    [Fact]
    public async Task A_stream_batch_confirms_the_order_and_the_same_batch_delivered_twice_changes_nothing_twice()
    {
        var product = await _api.ProductAsync(stock: 10);
        var buyer = await _api.CustomerAsync();
        var placed = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));
        var id = placed.GetProperty("id").GetGuid();
        var batch = Batch(await StreamRecords.AboutAsync(shop.Services, id, product.Id));

        var first = await InvokeAsync(batch);

        Assert.Equal("response", first.Outcome);
        Assert.Equal(0, first.Body.GetProperty("batchItemFailures").GetArrayLength());
        var confirmed = await OrderAsync(buyer.Client, id);
        Assert.Equal("Confirmed", confirmed.GetProperty("status").GetString());

        // The records that confirmed it (and the OrderConfirmed event it wrote) come again, twice.
        var again = Batch(await StreamRecords.AboutAsync(shop.Services, id, product.Id));
        Assert.Equal(0, (await InvokeAsync(again)).Body.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal(0, (await InvokeAsync(again)).Body.GetProperty("batchItemFailures").GetArrayLength());

        var after = await OrderAsync(buyer.Client, id);
        Assert.Equal(confirmed.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
        Assert.Equal(1, MailCount($"order-confirmed-{placed.GetProperty("number").GetString()}-"));
        var stock = await _api.StockAsync(product.Sku);
        Assert.Equal(2, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(10, stock.GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task A_record_whose_handler_fails_is_the_one_reported_in_batchItemFailures_and_goes_through_once_the_fault_is_gone()
    {
        var gateway = shop.Services.GetRequiredService<SwitchableGateway>();
        var product = await _api.ProductAsync(stock: 10);
        var buyer = await _api.CustomerAsync();
        var id = (await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1))).GetProperty("id").GetGuid();
        var records = await StreamRecords.AboutAsync(shop.Services, id, product.Id);
        var placedEvent = records.Single(r => r.GetRawText().Contains("\"OrderPlaced\"", StringComparison.Ordinal));
        Assert.True(records.Count > 1, "the batch holds the order's other records too");
        gateway.BrokenFor[id] = true;
        (string Outcome, JsonElement Body) answer;
        try
        {
            answer = await InvokeAsync(Batch(records));
        }
        finally
        {
            gateway.BrokenFor.TryRemove(id, out _);
        }

        Assert.Equal("response", answer.Outcome);
        var failures = answer.Body.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()).ToList();
        Assert.Equal([StreamRecordJson.SequenceNumberOf(placedEvent)], failures);
        Assert.Equal("Placed", (await OrderAsync(buyer.Client, id)).GetProperty("status").GetString());

        // Lambda delivers the failed record again (with those after it): now it goes through.
        var retried = await InvokeAsync(Batch(records.SkipWhile(r => r.GetRawText() != placedEvent.GetRawText())));
        Assert.Equal(0, retried.Body.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal("Confirmed", (await OrderAsync(buyer.Client, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unreadable_record_goes_to_the_dead_letters_with_its_sequence_number_and_does_not_hold_up_the_batch()
    {
        var product = await _api.ProductAsync(stock: 10);
        var buyer = await _api.CustomerAsync();
        var id = (await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1))).GetProperty("id").GetGuid();
        var records = (await StreamRecords.AboutAsync(shop.Services, id)).ToList();
        var sequence = "4999" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        var broken = JsonSerializer.SerializeToElement(new
        {
            eventName = "INSERT",
            dynamodb = new
            {
                SequenceNumber = sequence,
                Keys = new { PK = new { S = "EVENT#x" } },
                NewImage = new { Kind = new { S = "Event" }, Payload = new { S = "{not json" } },
            },
        });

        var answer = await InvokeAsync(Batch([broken, .. records]));

        Assert.Equal(0, answer.Body.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal("Confirmed", (await OrderAsync(buyer.Client, id)).GetProperty("status").GetString());
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        var letter = await db.DeadLetters.SingleAsync(d => d.StreamId == $"stream-record:{sequence}");
        Assert.Equal(StreamBatchHandler.UnreadableRecord, letter.Handler);
        Assert.Contains(sequence, letter.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invocation_that_is_not_a_stream_batch_is_answered_with_an_error()
    {
        var (outcome, body) = await InvokeAsync("""{"detail-type":"Scheduled Event"}""");

        Assert.Equal("error", outcome);
        Assert.Equal("InvalidEvent", body.GetProperty("errorType").GetString());
    }
}
