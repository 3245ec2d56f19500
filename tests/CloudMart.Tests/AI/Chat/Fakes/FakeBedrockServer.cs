using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.EventStreams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CloudMart.Tests.AI.Chat.Fakes;

/// <summary>
/// Amazon Bedrock's runtime as the Anthropic SDK's Bedrock client calls it: InvokeModel (<c>POST /model/{id}/invoke</c>)
/// with an Anthropic Messages body, InvokeModelWithResponseStream (<c>/invoke-with-response-stream</c>) answering in
/// AWS event-stream frames whose payloads carry base64 Messages stream events, SigV4-signed requests, AWS error shapes.
/// The signature itself is not recomputed; its scope and the payload hash are checked.
/// </summary>
public sealed class FakeBedrockServer : FakeModelServer
{
    public const string Region = "eu-west-1";
    public const string AccessKey = "AKIDCLOUDMARTTEST";
    public const string Secret = "cloudmart-test-secret";
    public const string Model = "anthropic.claude-test-v1:0";

    public static async Task<FakeBedrockServer> StartNewAsync()
    {
        var server = new FakeBedrockServer();
        await server.StartAsync();
        return server;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/model/{modelId}/invoke", (HttpContext http, string modelId) => AnswerAsync(http, modelId, streamed: false));
        app.MapPost("/model/{modelId}/invoke-with-response-stream", (HttpContext http, string modelId) => AnswerAsync(http, modelId, streamed: true));
    }

    /// <summary>Why the last request would be refused by AWS, or null when it is signed as SigV4 requires.</summary>
    public static string? SigningProblem(RecordedRequest request)
    {
        var authorization = request.Headers.GetValueOrDefault("Authorization") ?? "";
        if (!request.Headers.TryGetValue("x-amz-date", out var date) || date.Length < 8)
        {
            return "no x-amz-date";
        }
        var scope = $"AWS4-HMAC-SHA256 Credential={AccessKey}/{date[..8]}/{Region}/bedrock/aws4_request, SignedHeaders=";
        if (!authorization.StartsWith(scope, StringComparison.Ordinal) || !authorization.Contains(", Signature=", StringComparison.Ordinal))
        {
            return $"authorization '{authorization}' lacks scope '{scope}'";
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        return request.Headers.GetValueOrDefault("x-amz-content-sha256") == hash ? null : "payload hash does not match the body";
    }

    private async Task AnswerAsync(HttpContext http, string modelId, bool streamed)
    {
        var (request, reply) = await ReceiveAsync(http);
        if (SigningProblem(request) is { } problem)
        {
            await ErrorAsync(http, 403, "UnrecognizedClientException", problem);
            return;
        }
        if (!request.Json.TryGetProperty("anthropic_version", out var version) || version.GetString() != "bedrock-2023-05-31")
        {
            await ErrorAsync(http, 400, "ValidationException", "anthropic_version must be bedrock-2023-05-31.");
            return;
        }
        if (modelId != Model)
        {
            await ErrorAsync(http, 404, "ResourceNotFoundException", "Model not found.");
            return;
        }
        switch (reply)
        {
            case StatusReply { Code: 429 }:
                await ErrorAsync(http, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
                break;
            case StatusReply status:
                await ErrorAsync(http, status.Code, status.Code >= 500 ? "ServiceUnavailableException" : "ValidationException", "Scripted failure.");
                break;
            case HangReply:
                await HangAsync(http);
                break;
            case TextReply text when streamed:
                await StreamAsync(http, TextEvents(text.Value, Words(text.Value)));
                break;
            case BreakOffReply text:
                await StreamAsync(http, TextEvents(text.Value, Words(text.Value)).Take(4), breakOff: true);
                break;
            case TextReply text:
                await http.Response.WriteAsJsonAsync(Message([new { type = "text", text = text.Value }], "end_turn"));
                break;
            case ToolCallReply call when streamed:
                await StreamAsync(http,
                [
                    new { type = "message_start", message = Message([], null) },
                    new { type = "content_block_start", index = 0, content_block = new { type = "tool_use", id = "toolu_1", name = call.Name, input = new { } } },
                    new { type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = call.ArgumentsJson } },
                    new { type = "content_block_stop", index = 0 },
                    new { type = "message_delta", delta = new { stop_reason = "tool_use", stop_sequence = (string?)null }, usage = new { output_tokens = 9 } },
                    new { type = "message_stop" },
                ]);
                break;
            case ToolCallReply call:
                await http.Response.WriteAsJsonAsync(Message(
                    [new { type = "tool_use", id = "toolu_1", name = call.Name, input = JsonDocument.Parse(call.ArgumentsJson).RootElement }], "tool_use"));
                break;
        }
    }

    private static object Message(object[] content, string? stopReason) => new
    {
        id = "msg_bdrk_test",
        type = "message",
        role = "assistant",
        model = "claude-test",
        content,
        stop_reason = stopReason,
        stop_sequence = (string?)null,
        usage = new { input_tokens = 21, output_tokens = 9 },
    };

    private static IEnumerable<object> TextEvents(string text, string[] words)
    {
        yield return new { type = "message_start", message = Message([], null) };
        yield return new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } };
        foreach (var word in words)
        {
            yield return new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = word } };
        }
        yield return new { type = "content_block_stop", index = 0 };
        yield return new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = text.Length } };
        yield return new { type = "message_stop" };
    }

    /// <summary>Each event as one AWS event-stream frame: a "chunk" whose JSON payload holds the event as base64 bytes.</summary>
    private static async Task StreamAsync(HttpContext http, IEnumerable<object> events, bool breakOff = false)
    {
        http.Response.ContentType = "application/vnd.amazon.eventstream";
        http.Response.Headers["x-amzn-bedrock-content-type"] = "application/json";
        foreach (var item in events)
        {
            var bytes = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(item));
            var payload = JsonSerializer.SerializeToUtf8Bytes(new { bytes, p = "abcdefgh" });
            var headers = new List<IEventStreamHeader>();
            foreach (var (name, value) in new[] { (":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event") })
            {
                var header = new EventStreamHeader(name);
                header.SetString(value);
                headers.Add(header);
            }
            await http.Response.Body.WriteAsync(new EventStreamMessage(headers, payload).ToByteArray());
            await http.Response.Body.FlushAsync();
        }
        if (breakOff)
        {
            await Task.Delay(300); // let the client read what was sent: a reset discards unread data
            http.Abort();
        }
    }

    private static async Task ErrorAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        http.Response.Headers["x-amzn-ErrorType"] = type;
        await http.Response.WriteAsJsonAsync(new { message });
    }
}
