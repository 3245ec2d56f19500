using CloudMart.Platform.AI.Chat;
using CloudMart.Tests.AI.Chat.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudMart.Tests.AI.Chat;

/// <summary>Choosing the chat model is configuration only, and wrong settings stop the start naming the setting.</summary>
public sealed class ChatModelSettings
{
    private readonly OfflineAssistantDouble _offline = new();

    [Fact]
    public async Task With_no_settings_the_offline_assistant_answers_and_no_cloud_model_is_built()
    {
        await using var services = ChatServices.Build(new Dictionary<string, string?>(), _offline);

        Assert.Same(_offline, services.GetRequiredService<IChatClient>());
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredKeyedService<IChatClient>(ChatClientKeys.Cloud));
    }

    [Fact]
    public async Task A_cloud_provider_answers_with_the_offline_assistant_behind_it()
    {
        await using var services = ChatServices.Build(ChatServices.OpenAi("http://127.0.0.1:9/v1"), _offline);

        Assert.IsType<FallbackChatClient>(services.GetRequiredService<IChatClient>());
        Assert.NotNull(services.GetRequiredKeyedService<IChatClient>(ChatClientKeys.Cloud).GetService<FunctionInvokingChatClient>());
    }

    [Theory]
    [InlineData("Provider", "Magic", "CloudMart:AI:Chat:Provider")]
    [InlineData("Endpoint", "http://localhost:11434/api", "CloudMart:AI:Chat:Endpoint must end in /v1")]
    [InlineData("Endpoint", "not a url", "CloudMart:AI:Chat:Endpoint")]
    [InlineData("Model", "", "CloudMart:AI:Chat:Model")]
    [InlineData("TimeoutSeconds", "0", "CloudMart:AI:Chat:TimeoutSeconds")]
    [InlineData("CircuitBreaker:MinimumThroughput", "1", "CloudMart:AI:Chat:CircuitBreaker:MinimumThroughput")]
    [InlineData("CircuitBreaker:FailureRatio", "1.5", "CloudMart:AI:Chat:CircuitBreaker:FailureRatio")]
    public async Task A_wrong_setting_stops_the_start_with_a_message_naming_it(string key, string value, string expected)
    {
        var settings = ChatServices.OpenAi("http://127.0.0.1:9/v1");
        settings[key] = value;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => $"{ChatModelOptions.Section}:{s.Key}", s => s.Value));
        builder.Services.AddChatModel(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_openai_provider_without_an_endpoint_needs_a_key()
    {
        var options = new ChatModelOptions { Provider = "OpenAI", Model = "gpt-4o-mini" };
        Assert.Contains("CloudMart:AI:Chat:ApiKey", options.Problem(), StringComparison.Ordinal);
        options.ApiKey = "sk-something";
        Assert.Null(options.Problem());
    }

    [Fact]
    public void Bedrock_needs_only_a_model_and_ollama_needs_no_key()
    {
        Assert.Null(new ChatModelOptions { Provider = "bedrock", Model = "anthropic.claude-sonnet-4-5-20250929-v1:0" }.Problem());
        Assert.Null(new ChatModelOptions { Provider = "OpenAI", Endpoint = "http://localhost:11434/v1", Model = "llama3.2" }.Problem());
    }
}
