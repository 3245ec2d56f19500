namespace CloudMart.Platform.AI.Chat;

/// <summary>Bound from <c>CloudMart:AI:Chat</c>: which model answers the assistant, and how long it is trusted.</summary>
internal sealed class ChatModelOptions
{
    public const string Section = "CloudMart:AI:Chat";
    public const string Offline = "Offline";
    public const string OpenAI = "OpenAI";
    public const string Bedrock = "Bedrock";

    /// <summary><c>Offline</c> (the built-in assistant, the default), <c>OpenAI</c> (any OpenAI-compatible endpoint) or <c>Bedrock</c> (Anthropic models on Amazon Bedrock).</summary>
    public string Provider { get; set; } = Offline;

    /// <summary>OpenAI: base address ending in <c>/v1</c> (empty means api.openai.com). Bedrock: optional runtime endpoint override.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name (OpenAI) or model / inference-profile id (Bedrock).</summary>
    public string? Model { get; set; }

    /// <summary>OpenAI key; local servers such as Ollama need none. Never used for Bedrock (AWS credentials come from the standard chain).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Bedrock region; empty means the AWS standard (<c>AWS_REGION</c>, then the shared config profile).</summary>
    public string? Region { get; set; }

    /// <summary>Upper bound on the tokens of one answer (Anthropic requires one).</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>How long one question may take, tool calls included, before the offline assistant answers instead.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries the provider's SDK makes on its own before the answer counts as failed.</summary>
    public int MaxRetries { get; set; } = 1;

    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    public bool UsesOffline => Is(Offline);

    public bool Is(string provider) => string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The first thing wrong with the settings, naming the setting, or null when they are usable.</summary>
    public string? Problem()
    {
        if (UsesOffline)
        {
            return null;
        }
        if (!Is(OpenAI) && !Is(Bedrock))
        {
            return $"{Section}:Provider must be {Offline}, {OpenAI} or {Bedrock}, not '{Provider}'.";
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            return $"{Section}:Model is required for the {Provider} provider.";
        }
        if (Endpoint is not null && !IsHttpUrl(Endpoint))
        {
            return $"{Section}:Endpoint must be an absolute http(s) URL, not '{Endpoint}'.";
        }
        if (Is(OpenAI) && Endpoint is not null && !new Uri(Endpoint).AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal))
        {
            return $"{Section}:Endpoint must end in /v1 (for example http://localhost:11434/v1 for Ollama).";
        }
        if (Is(OpenAI) && Endpoint is null && string.IsNullOrWhiteSpace(ApiKey))
        {
            return $"{Section}:ApiKey is required when {Section}:Endpoint is empty (api.openai.com).";
        }
        if (MaxOutputTokens is < 1 or > 100_000)
        {
            return $"{Section}:MaxOutputTokens must be between 1 and 100000.";
        }
        if (TimeoutSeconds is < 1 or > 600)
        {
            return $"{Section}:TimeoutSeconds must be between 1 and 600.";
        }
        if (MaxRetries is < 0 or > 5)
        {
            return $"{Section}:MaxRetries must be between 0 and 5.";
        }
        return CircuitBreaker.Problem($"{Section}:CircuitBreaker");
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>When a failing provider is left alone: at least <see cref="FailureRatio"/> of <see cref="MinimumThroughput"/> or more calls failed within the sampling window.</summary>
internal sealed class CircuitBreakerSettings
{
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 4;

    public int SamplingSeconds { get; set; } = 60;

    /// <summary>How long the offline assistant answers alone before one question tries the provider again.</summary>
    public int BreakSeconds { get; set; } = 30;

    public string? Problem(string section)
    {
        if (FailureRatio is <= 0 or > 1)
        {
            return $"{section}:FailureRatio must be above 0 and at most 1.";
        }
        if (MinimumThroughput is < 2 or > 1000)
        {
            return $"{section}:MinimumThroughput must be between 2 and 1000.";
        }
        if (SamplingSeconds is < 1 or > 3600)
        {
            return $"{section}:SamplingSeconds must be between 1 and 3600.";
        }
        return BreakSeconds is < 1 or > 3600 ? $"{section}:BreakSeconds must be between 1 and 3600." : null;
    }
}
