using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>
/// <c>cloudmart lambda</c>: the shop's binary as a Lambda function on a custom runtime (the zip's <c>bootstrap</c>
/// runs it). It asks the Runtime API at <c>AWS_LAMBDA_RUNTIME_API</c> for the next invocation, hands the DynamoDB
/// Streams batch to <see cref="StreamBatchHandler"/> (the poller's code path) and answers
/// <c>{"batchItemFailures": [{"itemIdentifier": "&lt;sequence number&gt;"}]}</c>, so with ReportBatchItemFailures on the
/// event source mapping only the failed records (and those after them in their shard) are delivered again.
/// An invocation that is not a DynamoDB Streams batch is answered with an error, never half-handled.
/// </summary>
internal sealed partial class LambdaRuntime(HttpClient http, StreamBatchHandler handler, ILogger<LambdaRuntime> logger)
{
    private const string Version = "2018-06-01";

    private sealed record ItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);

    private sealed record BatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<ItemFailure> BatchItemFailures);

    private sealed record RuntimeError(
        [property: JsonPropertyName("errorMessage")] string ErrorMessage, [property: JsonPropertyName("errorType")] string ErrorType);

    /// <summary>The Runtime API's base address from <c>AWS_LAMBDA_RUNTIME_API</c> (host:port, as Lambda sets it).</summary>
    public static Uri BaseAddress(string runtimeApi) => new($"http://{runtimeApi}/{Version}/runtime/");

    /// <param name="invocations">Stop after this many (tests); null runs until cancelled, as Lambda does.</param>
    public async Task RunAsync(int? invocations, CancellationToken cancellationToken)
    {
        for (var handled = 0; invocations is null || handled < invocations; handled++)
        {
            using var next = await http.GetAsync("invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
            next.EnsureSuccessStatusCode();
            var requestId = next.Headers.TryGetValues("Lambda-Runtime-Aws-Request-Id", out var ids) ? ids.First() : throw new InvalidOperationException("The Runtime API sent no request id.");
            var body = await next.Content.ReadAsByteArrayAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (next.Headers.TryGetValues("Lambda-Runtime-Deadline-Ms", out var ms) && long.TryParse(ms.First(), out var deadlineMs))
            {
                // Leave a second to answer: an invocation cut off by Lambda is retried whole.
                var left = DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs) - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);
                deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            await InvokeAsync(requestId, body, deadline.Token);
        }
    }

    private async Task InvokeAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> failed;
        try
        {
            using var invocation = JsonDocument.Parse(body);
            if (!invocation.RootElement.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                await FailAsync(requestId, "InvalidEvent", "The event is not a DynamoDB Streams batch: it has no Records array.");
                return;
            }
            failed = await handler.HandleAsync([.. records.EnumerateArray()], cancellationToken);
        }
        catch (JsonException e)
        {
            await FailAsync(requestId, "InvalidEvent", $"The event is not JSON: {e.Message}");
            return;
        }
        catch (Exception e)
        {
            // Nothing is known to be done: the whole batch is delivered again, and the inbox skips what was.
            LogInvocationFailed(e, requestId);
            await FailAsync(requestId, e.GetType().Name, e.Message);
            return;
        }
        if (failed.Count > 0)
        {
            LogPartialBatch(requestId, failed.Count);
        }
        using var response = await http.PostAsJsonAsync($"invocation/{requestId}/response",
            new BatchResponse([.. failed.Select(s => new ItemFailure(s))]), CancellationToken.None);
        response.EnsureSuccessStatusCode();
    }

    private async Task FailAsync(string requestId, string type, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"invocation/{requestId}/error") { Content = JsonContent.Create(new RuntimeError(message, type)) };
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", type);
        using var response = await http.SendAsync(request, CancellationToken.None);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Tells Lambda the function could not start (bad settings), so the cause shows in its log and metrics.</summary>
    public async Task InitErrorAsync(Exception e)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "init/error") { Content = JsonContent.Create(new RuntimeError(e.Message, e.GetType().Name)) };
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", e.GetType().Name);
        using var response = await http.SendAsync(request, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {RequestId} failed as a whole; Lambda delivers the batch again")]
    private partial void LogInvocationFailed(Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {RequestId}: {Count} record(s) reported as failed, to be delivered again")]
    private partial void LogPartialBatch(string requestId, int count);
}
