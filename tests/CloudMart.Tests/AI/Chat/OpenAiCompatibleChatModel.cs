using CloudMart.Platform.AI.Chat;
using CloudMart.Tests.AI.Chat.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.AI.Chat;

/// <summary>The OpenAI provider through the OpenAI SDK against a server speaking the chat-completions wire protocol.</summary>
public sealed class OpenAiCompatibleChatModel : IAsyncLifetime
{
    private readonly OfflineAssistantDouble _offline = new();
    private FakeOpenAiServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartNewAsync();
        _services = ChatServices.Build(ChatServices.OpenAi(_server.Endpoint), _offline);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private IChatClient Chat => _services.GetRequiredService<IChatClient>();

    [Fact]
    public async Task A_question_goes_to_the_endpoint_with_the_model_and_key_and_the_models_answer_comes_back()
    {
        _server.Script(ModelReply.Text("Our tents ship within two days."));

        var response = await Chat.GetResponseAsync("When do tents ship?");

        Assert.Equal("Our tents ship within two days.", response.Text);
        Assert.False(ChatFallback.IsFallback(response));
        Assert.Null(ChatFallback.NoticeOf(response));
        var request = Assert.Single(_server.Requests);
        Assert.Equal(FakeOpenAiServer.Model, request.Json.GetProperty("model").GetString());
        Assert.Contains(request.Json.GetProperty("messages").EnumerateArray(),
            m => m.GetProperty("role").GetString() == "user" && m.GetProperty("content").ToString().Contains("When do tents ship?", StringComparison.Ordinal));
        Assert.Equal(0, _offline.Calls);
    }

    [Fact]
    public async Task A_tool_call_from_the_model_runs_the_tool_and_the_model_answers_from_its_result()
    {
        var asked = new List<string>();
        var stockLevel = AIFunctionFactory.Create((string sku) =>
        {
            asked.Add(sku);
            return $"{sku}: 7 in stock";
        }, "stock_level", "Units in stock for a SKU");
        _server.Script(ModelReply.ToolCall("stock_level", """{"sku":"TENT-2"}"""), ModelReply.Text("We have 7 of those tents."));

        var response = await Chat.GetResponseAsync("Do you have TENT-2?", new ChatOptions { Tools = [stockLevel] });

        Assert.Equal("We have 7 of those tents.", response.Text);
        Assert.Equal(["TENT-2"], asked);
        Assert.Equal(2, _server.Requests.Count);
        var offered = _server.Requests[0].Json.GetProperty("tools").EnumerateArray().Single();
        Assert.Equal("stock_level", offered.GetProperty("function").GetProperty("name").GetString());
        var toolResult = _server.Requests[1].Json.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Equal("call_1", toolResult.GetProperty("tool_call_id").GetString());
        Assert.Contains("7 in stock", toolResult.GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_answer_arrives_in_pieces_over_server_sent_events()
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
        Assert.True(_server.Requests.Single().Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task A_streamed_tool_call_runs_the_tool_and_then_streams_the_final_answer()
    {
        var calls = 0;
        var orderStatus = AIFunctionFactory.Create((string number) => { calls++; return $"{number} is Shipped"; }, "order_status");
        _server.Script(ModelReply.ToolCall("order_status", """{"number":"CM-000042"}"""), ModelReply.Text("Your order CM-000042 has shipped."));

        var response = await Chat.GetStreamingResponseAsync("Where is CM-000042?", new ChatOptions { Tools = [orderStatus] }).ToChatResponseAsync();

        Assert.Equal(1, calls);
        Assert.EndsWith("Your order CM-000042 has shipped.", response.Text, StringComparison.Ordinal);
        Assert.Contains("CM-000042 is Shipped", _server.Requests[1].Body, StringComparison.Ordinal);
    }
}
