using Anthropic.Bedrock;
using CloudMart.Platform.Observability;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CloudMart.Platform.AI.Chat;

/// <summary>Keys of the chat clients in the container.</summary>
internal static class ChatClientKeys
{
    /// <summary>The built-in assistant, registered by the Assistant module; the default and the fallback.</summary>
    public const string Offline = "offline";

    /// <summary>The configured cloud model with function invocation and telemetry; absent meaning when the provider is Offline.</summary>
    public const string Cloud = "cloud";
}

internal static class ChatRegistration
{
    /// <summary>
    /// The chat-model port. The unkeyed <see cref="IChatClient"/> is what the assistant talks to: the offline assistant
    /// when <c>CloudMart:AI:Chat:Provider</c> is Offline (the default), otherwise the cloud model with the offline
    /// assistant behind it (<see cref="FallbackChatClient"/>). Settings are checked when the host starts.
    /// </summary>
    public static IServiceCollection AddChatModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatModelOptions>().Bind(configuration.GetSection(ChatModelOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatModelOptions>, ChatModelOptionsValidator>();
        services.AddKeyedSingleton<IChatClient>(ChatClientKeys.Cloud, (sp, _) => CloudModel(sp, sp.GetRequiredService<IOptions<ChatModelOptions>>().Value));
        services.AddHealthChecks().AddCheck<ChatModelHealthCheck>("chat-model", tags: [Observability.ObservabilityRegistration.ReadyTag]);
        services.AddSingleton(sp => new ChatCircuit(sp.GetRequiredService<IOptions<ChatModelOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        // Scoped, because the offline assistant keeps the conversation's state for the request it answers.
        services.AddScoped<IChatClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value;
            var offline = sp.GetRequiredKeyedService<IChatClient>(ChatClientKeys.Offline);
            if (options.UsesOffline)
            {
                return offline;
            }
            return new FallbackChatClient(
                sp.GetRequiredKeyedService<IChatClient>(ChatClientKeys.Cloud), offline, sp.GetRequiredService<ChatCircuit>(), options, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FallbackChatClient>>());
        });
        return services;
    }

    /// <summary>The provider's client, taught to call the tools the assistant hands it, and traced.</summary>
    private static IChatClient CloudModel(IServiceProvider services, ChatModelOptions options)
    {
        IChatClient raw = options.Is(ChatModelOptions.Bedrock)
            ? CloudChatModels.Bedrock(options,
                services.GetService<IAnthropicBedrockCredentials>() ?? BedrockCredentials.Create(options, services.GetRequiredService<TimeProvider>()))
            : options.Is(ChatModelOptions.OpenAI)
                ? CloudChatModels.OpenAiCompatible(options)
                : throw new InvalidOperationException($"{ChatModelOptions.Section}:Provider is {options.Provider}: there is no cloud model.");
        var logger = services.GetRequiredService<ILogger<FallbackChatClient>>();
        ChatLog.Configured(logger, options.Provider, options.Model ?? ""); // once: the client is a singleton
        return raw.AsBuilder()
            .UseFunctionInvocation(services.GetService<ILoggerFactory>(), invocation => invocation.FunctionInvoker = ToolRun.InvokeAsync)
            .UseOpenTelemetry(services.GetService<ILoggerFactory>(), CloudMartTelemetry.ActivitySourceName)
            .Build(services);
    }
}

internal sealed class ChatModelOptionsValidator : IValidateOptions<ChatModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatModelOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
