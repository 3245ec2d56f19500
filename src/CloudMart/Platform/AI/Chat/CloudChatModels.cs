using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic.Bedrock;
using Microsoft.Extensions.AI;
using OpenAI;

namespace CloudMart.Platform.AI.Chat;

/// <summary>The raw cloud chat clients, one per provider, before function invocation and telemetry are layered on.</summary>
internal static class CloudChatModels
{
    /// <summary>Any server that speaks OpenAI's chat-completions API: OpenAI, Azure OpenAI (v1), Ollama, vLLM.</summary>
    public static IChatClient OpenAiCompatible(ChatModelOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        if (options.Endpoint is not null)
        {
            clientOptions.Endpoint = new Uri(options.Endpoint);
        }
        // Local servers such as Ollama accept any key; the SDK insists on one.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIClient(key, clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    /// <summary>
    /// Anthropic models on Amazon Bedrock through the Anthropic SDK's Bedrock client, which sends the Messages API body
    /// to Bedrock's InvokeModel (<c>POST /model/{id}/invoke</c>, or <c>invoke-with-response-stream</c>), signed with SigV4.
    /// </summary>
    public static IChatClient Bedrock(ChatModelOptions options, IAnthropicBedrockCredentials credentials)
    {
        var client = new AnthropicBedrockClient(credentials)
        {
            BaseUrl = options.Endpoint?.TrimEnd('/') ?? $"https://bedrock-runtime.{credentials.Region}.amazonaws.com",
            MaxRetries = options.MaxRetries,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            Handlers = [new BedrockApiVersion()],
        };
        return client.AsIChatClient(options.Model, options.MaxOutputTokens);
    }

    /// <summary>
    /// The Bedrock client copies the core SDK's <c>anthropic-version</c> header into the body's <c>anthropic_version</c>,
    /// and the core SDK sends its own, newer API date there. Bedrock's InvokeModel documents one value for Anthropic
    /// models, so that is what is sent. (User handlers run before the Bedrock adaptation, which reads the header.)
    /// </summary>
    private sealed class BedrockApiVersion : DelegatingHandler
    {
        public const string Version = "bedrock-2023-05-31";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("anthropic-version");
            request.Headers.TryAddWithoutValidation("anthropic-version", Version);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
