namespace CloudMart.Platform.AI;

/// <summary>Bound from <c>CloudMart:AI:Embeddings</c>: which model turns text into vectors.</summary>
internal sealed class EmbeddingOptions
{
    public const string Section = "CloudMart:AI:Embeddings";

    /// <summary><c>MiniLM</c> (in-process, the default) or <c>OpenAI</c> for any OpenAI-compatible endpoint (OpenAI, Azure OpenAI v1, Ollama).</summary>
    public string Provider { get; set; } = "MiniLM";

    /// <summary>Base address ending in <c>/v1</c>; empty means api.openai.com.</summary>
    public string? Endpoint { get; set; }

    public string Model { get; set; } = "text-embedding-3-small";

    public string? ApiKey { get; set; }

    public bool UsesMiniLm => string.Equals(Provider, "MiniLM", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails fast with the setting's name, as every adapter does.</summary>
    public void Validate()
    {
        if (UsesMiniLm)
        {
            return;
        }
        if (!string.Equals(Provider, "OpenAI", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Section}:Provider must be MiniLM or OpenAI, not '{Provider}'.");
        }
        if (Endpoint is not null && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"{Section}:Endpoint must be an absolute URL ending in /v1.");
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new InvalidOperationException($"{Section}:Model is required for the OpenAI provider.");
        }
    }
}
