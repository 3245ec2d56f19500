using Anthropic.Bedrock;
using CloudMart.Platform.AI.Chat;
using CloudMart.Tests.AI.Chat.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.AI.Chat;

/// <summary>The Bedrock provider through the Anthropic SDK's Bedrock client against a fake of Bedrock's runtime API.</summary>
public sealed class BedrockChatModel : IAsyncLifetime
{
    private readonly OfflineAssistantDouble _offline = new();
    private FakeBedrockServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBedrockServer.StartNewAsync();
        _services = ChatServices.Build(new Dictionary<string, string?>
        {
            ["Provider"] = "Bedrock",
            ["Endpoint"] = _server.BaseAddress,
            ["Model"] = FakeBedrockServer.Model,
            ["MaxOutputTokens"] = "512",
            ["MaxRetries"] = "0",
        }, _offline, more: services => services.AddSingleton<IAnthropicBedrockCredentials>(new AnthropicBedrockPrivateKeyCredentials
        {
            Region = FakeBedrockServer.Region, ApiAccessKey = FakeBedrockServer.AccessKey, ApiSecret = FakeBedrockServer.Secret,
        }));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private IChatClient Chat => _services.GetRequiredService<IChatClient>();

    [Fact]
    public async Task A_question_is_sent_to_invoke_model_as_a_signed_anthropic_messages_body()
    {
        _server.Script(ModelReply.Text("Our tents ship within two days."));

        var response = await Chat.GetResponseAsync("When do tents ship?");

        Assert.Equal("Our tents ship within two days.", response.Text);
        Assert.False(ChatFallback.IsFallback(response));
        var request = Assert.Single(_server.Requests);
        Assert.Equal($"/model/{FakeBedrockServer.Model}/invoke", request.Path);
        Assert.Null(FakeBedrockServer.SigningProblem(request));
        Assert.Equal("bedrock-2023-05-31", request.Json.GetProperty("anthropic_version").GetString());
        Assert.False(request.Json.TryGetProperty("model", out _)); // the model travels in the path on Bedrock
        Assert.Equal(512, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.Contains("When do tents ship?", request.Json.GetProperty("messages")[0].GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_use_from_the_model_runs_the_tool_and_the_model_answers_from_its_result()
    {
        var asked = new List<string>();
        var stockLevel = AIFunctionFactory.Create((string sku) => { asked.Add(sku); return $"{sku}: 3 in stock"; }, "stock_level");
        _server.Script(ModelReply.ToolCall("stock_level", """{"sku":"LAMP-9"}"""), ModelReply.Text("Three lamps are left."));

        var response = await Chat.GetResponseAsync("Any LAMP-9 left?", new ChatOptions { Tools = [stockLevel] });

        Assert.Equal("Three lamps are left.", response.Text);
        Assert.Equal(["LAMP-9"], asked);
        Assert.Equal("stock_level", _server.Requests[0].Json.GetProperty("tools")[0].GetProperty("name").GetString());
        var toolResult = _server.Requests[1].Json.GetProperty("messages").EnumerateArray().Last();
        Assert.Equal("user", toolResult.GetProperty("role").GetString());
        Assert.Contains("\"tool_use_id\":\"toolu_1\"", toolResult.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("3 in stock", toolResult.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_answer_arrives_in_pieces_from_aws_event_stream_frames()
    {
        _server.Script(ModelReply.Text("Returns are free within thirty days."));

        var pieces = new List<string>();
        await foreach (var update in Chat.GetStreamingResponseAsync("Can I return a jacket?"))
        {
            if (update.Text.Length > 0)
            {
                pieces.Add(update.Text);
            }
        }

        Assert.True(pieces.Count >= 6, $"expected word-sized pieces, got {pieces.Count}");
        Assert.Equal("Returns are free within thirty days.", string.Concat(pieces));
        Assert.Equal($"/model/{FakeBedrockServer.Model}/invoke-with-response-stream", _server.Requests.Single().Path);
    }

    [Fact]
    public async Task A_streamed_tool_use_runs_the_tool_and_then_streams_the_final_answer()
    {
        var calls = 0;
        var orderStatus = AIFunctionFactory.Create((string number) => { calls++; return $"{number} is Shipped"; }, "order_status");
        _server.Script(ModelReply.ToolCall("order_status", """{"number":"CM-000042"}"""), ModelReply.Text("Your order CM-000042 has shipped."));

        var response = await Chat.GetStreamingResponseAsync("Where is CM-000042?", new ChatOptions { Tools = [orderStatus] }).ToChatResponseAsync();

        Assert.Equal(1, calls);
        Assert.EndsWith("Your order CM-000042 has shipped.", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bedrock_throttling_is_answered_offline_with_a_notice()
    {
        _server.Script(ModelReply.Status(429));

        var response = await Chat.GetResponseAsync("Where is my order?");

        Assert.Equal(OfflineAssistantDouble.AnswerTo("Where is my order?"), response.Text);
        Assert.Equal("rate-limited", ChatFallback.ReasonOf(response));
        Assert.Equal(ChatFallback.OfflineNotice, ChatFallback.NoticeOf(response));
    }

    [Fact]
    public async Task A_bedrock_stream_that_breaks_off_ends_with_a_notice()
    {
        _server.Script(ModelReply.BreakOffAfter("Your order left our warehouse yesterday"));

        var response = await Chat.GetStreamingResponseAsync("Where is my order?").ToChatResponseAsync();

        Assert.StartsWith("Your order", response.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFallback.InterruptedNotice, ChatFallback.NoticeOf(response));
    }
}
