using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CloudMart.Tests.AI.Chat.Fakes;

/// <summary>
/// OpenAI's chat-completions API (<c>POST /v1/chat/completions</c>) as OpenAI, Ollama and vLLM serve it: JSON
/// completions, tool calls, server-sent-event streams ending in <c>[DONE]</c>, error bodies, bearer-key checks.
/// </summary>
public sealed class FakeOpenAiServer : FakeModelServer
{
    public const string ApiKey = "sk-test-cloudmart";
    public const string Model = "gpt-test";

    public string Endpoint => BaseAddress + "/v1";

    public static async Task<FakeOpenAiServer> StartNewAsync()
    {
        var server = new FakeOpenAiServer();
        await server.StartAsync();
        return server;
    }

    protected override void Map(WebApplication app) => app.MapPost("/v1/chat/completions", AnswerAsync);

    private async Task AnswerAsync(HttpContext http)
    {
        var (request, reply) = await ReceiveAsync(http);
        if (request.Headers.GetValueOrDefault("Authorization") != $"Bearer {ApiKey}")
        {
            await ErrorAsync(http, 401, "invalid_request_error", "Incorrect API key provided.");
            return;
        }
        var streamed = request.Json.TryGetProperty("stream", out var stream) && stream.GetBoolean();
        switch (reply)
        {
            case StatusReply status:
                await ErrorAsync(http, status.Code, status.Code == 429 ? "rate_limit_exceeded" : "server_error", "Scripted failure.");
                break;
            case HangReply:
                await HangAsync(http);
                break;
            case TextReply text when streamed:
                await StreamAsync(http, Words(text.Value).Select(w => Chunk(new { content = w }, null)).Append(Chunk(new { }, "stop")));
                break;
            case BreakOffReply text:
                await StreamAsync(http, Words(text.Value).Take(2).Select(w => Chunk(new { content = w }, null)), breakOff: true);
                break;
            case TextReply text:
                await http.Response.WriteAsJsonAsync(Completion(new { role = "assistant", content = text.Value }, "stop"));
                break;
            case ToolCallReply call when streamed:
                await StreamAsync(http,
                [
                    Chunk(new { role = "assistant", tool_calls = new[] { new { index = 0, id = "call_1", type = "function", function = new { name = call.Name, arguments = "" } } } }, null),
                    Chunk(new { tool_calls = new[] { new { index = 0, function = new { arguments = call.ArgumentsJson } } } }, null),
                    Chunk(new { }, "tool_calls"),
                ]);
                break;
            case ToolCallReply call:
                await http.Response.WriteAsJsonAsync(Completion(new
                {
                    role = "assistant",
                    content = (string?)null,
                    tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = call.Name, arguments = call.ArgumentsJson } } },
                }, "tool_calls"));
                break;
        }
    }

    private static object Completion(object message, string finishReason) => new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_750_000_000,
        model = Model,
        choices = new[] { new { index = 0, message, finish_reason = finishReason } },
        usage = new { prompt_tokens = 12, completion_tokens = 5, total_tokens = 17 },
    };

    private static string Chunk(object delta, string? finishReason) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion.chunk",
        created = 1_750_000_000,
        model = Model,
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    });

    private static async Task StreamAsync(HttpContext http, IEnumerable<string> chunks, bool breakOff = false)
    {
        http.Response.ContentType = "text/event-stream";
        foreach (var chunk in chunks)
        {
            await http.Response.WriteAsync($"data: {chunk}\n\n", Encoding.UTF8);
            await http.Response.Body.FlushAsync();
        }
        if (breakOff)
        {
            await Task.Delay(300); // let the client read what was sent: a reset discards unread data
            http.Abort();
            return;
        }
        await http.Response.WriteAsync("data: [DONE]\n\n", Encoding.UTF8);
    }

    private static async Task ErrorAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        if (status == 429)
        {
            http.Response.Headers.RetryAfter = "0";
        }
        await http.Response.WriteAsJsonAsync(new { error = new { message, type, param = (string?)null, code = type } });
    }
}
