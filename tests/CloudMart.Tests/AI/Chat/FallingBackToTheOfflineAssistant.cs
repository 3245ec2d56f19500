using System.Net.Sockets;
using CloudMart.Platform.AI.Chat;
using CloudMart.Tests.AI.Chat.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace CloudMart.Tests.AI.Chat;

/// <summary>When the cloud model fails, the built-in assistant answers with a notice; never an error.</summary>
public sealed class FallingBackToTheOfflineAssistant : IAsyncLifetime
{
    private const string Question = "Where is my order?";
    private readonly OfflineAssistantDouble _offline = new();
    private readonly List<ServiceProvider> _providers = [];
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        await _server.DisposeAsync();
    }

    private IChatClient Chat(Action<Dictionary<string, string?>>? adjust = null, TimeProvider? time = null, string? endpoint = null)
    {
        var settings = ChatServices.OpenAi(endpoint ?? _server.Endpoint);
        adjust?.Invoke(settings);
        var provider = ChatServices.Build(settings, _offline, time);
        _providers.Add(provider);
        return provider.GetRequiredService<IChatClient>();
    }

    private void AssertAnsweredOffline(ChatResponse response, string reason)
    {
        Assert.Equal(OfflineAssistantDouble.AnswerTo(Question), response.Text);
        Assert.True(ChatFallback.IsFallback(response));
        Assert.Equal(reason, ChatFallback.ReasonOf(response));
        Assert.Equal(ChatFallback.OfflineNotice, ChatFallback.NoticeOf(response));
    }

    [Fact]
    public async Task A_server_error_is_answered_offline_with_a_notice()
    {
        _server.Script(ModelReply.Status(500));
        AssertAnsweredOffline(await Chat().GetResponseAsync(Question), "unavailable");
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Rate_limiting_is_answered_offline_with_a_notice()
    {
        _server.Script(ModelReply.Status(429));
        AssertAnsweredOffline(await Chat().GetResponseAsync(Question), "rate-limited");
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_is_answered_offline()
    {
        _server.Script(ModelReply.Hang());
        AssertAnsweredOffline(await Chat(s => s["TimeoutSeconds"] = "1").GetResponseAsync(Question), "timeout");
    }

    [Fact]
    public async Task A_rejected_api_key_is_answered_offline()
    {
        _server.Script(ModelReply.Text("never sent"));
        AssertAnsweredOffline(await Chat(s => s["ApiKey"] = "sk-revoked").GetResponseAsync(Question), "auth");
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_answered_offline()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        AssertAnsweredOffline(await Chat(endpoint: $"http://127.0.0.1:{closedPort}/v1").GetResponseAsync(Question), "network");
    }

    [Fact]
    public async Task After_repeated_failures_the_provider_is_left_alone_until_the_break_is_over()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-06-01T12:00:00Z"));
        _server.Always = ModelReply.Status(503);
        var chat = Chat(s =>
        {
            s["CircuitBreaker:MinimumThroughput"] = "3";
            s["CircuitBreaker:FailureRatio"] = "1";
            s["CircuitBreaker:BreakSeconds"] = "30";
        }, time);

        for (var i = 0; i < 3; i++)
        {
            AssertAnsweredOffline(await chat.GetResponseAsync(Question), "unavailable");
        }
        Assert.Equal(CircuitState.Open, ((FallbackChatClient)chat).Circuit);
        for (var i = 0; i < 5; i++)
        {
            AssertAnsweredOffline(await chat.GetResponseAsync(Question), "circuit-open");
        }
        Assert.Equal(3, _server.Requests.Count); // the dead provider was not asked again

        time.Advance(TimeSpan.FromSeconds(31));
        _server.Always = ModelReply.Text("Back again.");
        var recovered = await chat.GetResponseAsync(Question);

        Assert.Equal("Back again.", recovered.Text);
        Assert.False(ChatFallback.IsFallback(recovered));
        Assert.Equal(CircuitState.Closed, ((FallbackChatClient)chat).Circuit);
        Assert.Equal(8, _offline.Calls);
    }

    [Fact]
    public async Task A_question_the_asker_abandons_is_neither_answered_offline_nor_held_against_the_provider()
    {
        _server.Always = ModelReply.Hang();
        var chat = Chat(s =>
        {
            s["CircuitBreaker:MinimumThroughput"] = "2";
            s["CircuitBreaker:FailureRatio"] = "1";
        });

        for (var i = 0; i < 3; i++)
        {
            using var abandon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chat.GetResponseAsync(Question, cancellationToken: abandon.Token));
        }

        Assert.Equal(0, _offline.Calls);
        Assert.Equal(CircuitState.Closed, ((FallbackChatClient)chat).Circuit);
    }

    [Fact]
    public async Task A_model_that_fails_after_its_tools_ran_is_not_answered_again_offline_so_nothing_is_done_twice()
    {
        var added = 0;
        var addToCart = AIFunctionFactory.Create((string sku) => { added++; return $"{sku} added"; }, "add_to_cart");
        _server.Script(ModelReply.ToolCall("add_to_cart", """{"sku":"MUG-1"}"""), ModelReply.Status(500));

        var response = await Chat().GetResponseAsync("Add a mug to my cart", new ChatOptions { Tools = [addToCart] });

        Assert.Equal(1, added);
        Assert.Equal(0, _offline.Calls);
        Assert.True(ChatFallback.IsFallback(response));
        Assert.Equal(ChatFallback.AfterActionsNotice, ChatFallback.NoticeOf(response));
        Assert.Equal(ChatFallback.AfterActionsNotice, response.Text);
    }

    [Fact]
    public async Task A_stream_that_cannot_start_is_answered_offline_with_a_notice()
    {
        _server.Script(ModelReply.Status(502));

        var updates = await Chat().GetStreamingResponseAsync(Question).ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal(ChatFallback.OfflineNotice, ChatFallback.NoticeOf(updates[0].AdditionalProperties));
        Assert.Equal(OfflineAssistantDouble.AnswerTo(Question), response.Text);
        Assert.Equal("unavailable", ChatFallback.ReasonOf(response));
    }

    [Fact]
    public async Task A_stream_that_breaks_off_ends_with_a_notice_instead_of_an_error()
    {
        _server.Script(ModelReply.BreakOffAfter("Your order left our warehouse yesterday"));

        var updates = await Chat().GetStreamingResponseAsync(Question).ToListAsync();
        var response = updates.ToChatResponse();

        Assert.StartsWith("Your order", response.Text, StringComparison.Ordinal);
        Assert.EndsWith(ChatFallback.InterruptedNotice, response.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFallback.InterruptedNotice, ChatFallback.NoticeOf(response));
        Assert.Equal(0, _offline.Calls); // half an answer is already on screen: no second, different one
    }
}
