using CloudMart.Platform.AI.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMart.Tests.AI.Chat.Fakes;

/// <summary>The chat-model port wired exactly as the shop wires it, with a test double for the offline assistant.</summary>
public static class ChatServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, IChatClient offline, TimeProvider? time = null, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => $"{ChatModelOptions.Section}:{s.Key}", s => s.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddKeyedSingleton(ChatClientKeys.Offline, offline);
        services.AddChatModel(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Settings that point the OpenAI provider at a fake, with no SDK retries so failures show at once.</summary>
    public static Dictionary<string, string?> OpenAi(string endpoint, string apiKey = FakeOpenAiServer.ApiKey) => new()
    {
        ["Provider"] = "OpenAI",
        ["Endpoint"] = endpoint,
        ["Model"] = FakeOpenAiServer.Model,
        ["ApiKey"] = apiKey,
        ["MaxRetries"] = "0",
    };
}
