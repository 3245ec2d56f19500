using System.ClientModel;
using CloudMart.Platform.AI.Chat;
using Microsoft.Extensions.AI;
using OpenAI;

namespace CloudMart.Platform.AI;

internal static class AiRegistration
{
    /// <summary>
    /// The embedding port: MiniLM in-process unless <c>CloudMart:AI:Embeddings:Provider</c> names a cloud endpoint.
    /// Settings are read when the generator is first resolved, so test hosts can override them.
    /// </summary>
    public static IServiceCollection AddAi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = configuration.GetSection(EmbeddingOptions.Section).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
            options.Validate();
            IEmbeddingGenerator<string, Embedding<float>> generator = options.UsesMiniLm
                ? new MiniLmEmbeddingGenerator()
                : OpenAiCompatible(options);
            return generator.AsBuilder()
                .UseOpenTelemetry(sourceName: CloudMart.Platform.Observability.CloudMartTelemetry.ActivitySourceName)
                .Build(sp);
        });
        services.AddChatModel(configuration);
        return services;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> OpenAiCompatible(EmbeddingOptions options)
    {
        var clientOptions = new OpenAIClientOptions();
        if (options.Endpoint is not null)
        {
            clientOptions.Endpoint = new Uri(options.Endpoint);
        }
        // Local servers such as Ollama accept any key; the SDK insists on one.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIClient(key, clientOptions).GetEmbeddingClient(options.Model).AsIEmbeddingGenerator();
    }
}
