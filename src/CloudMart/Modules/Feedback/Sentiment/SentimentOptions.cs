namespace CloudMart.Modules.Feedback.Sentiment;

/// <summary>Bound from <c>CloudMart:AI:Sentiment</c>: who scores sentiment and how.</summary>
internal sealed class SentimentOptions
{
    public const string Section = "CloudMart:AI:Sentiment";

    /// <summary><c>Local</c> (offline, the default) or <c>Azure</c> (Azure AI Language, falling back to local).</summary>
    public string Provider { get; set; } = "Local";

    /// <summary>The Language resource, e.g. <c>https://my-shop.cognitiveservices.azure.com</c>.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Language of the texts sent to Azure (ISO 639-1).</summary>
    public string Language { get; set; } = "en";

    /// <summary>Time allowed for one call to Azure, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts of one batch after a throttled (429) or failed (5xx, network) call.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>A trained model file to use instead of the shipped one (from <c>cloudmart sentiment train</c>).</summary>
    public string? ModelPath { get; set; }

    /// <summary>Scores closer to 0 than this are neutral (the local analyzer's; Azure labels for itself).</summary>
    public double NeutralBelow { get; set; } = 0.2;

    public bool UsesAzure => string.Equals(Provider, "Azure", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails fast with the setting's name.</summary>
    public void Validate()
    {
        if (!UsesAzure && !string.Equals(Provider, "Local", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Section}:Provider must be Local or Azure, not '{Provider}'.");
        }
        if (NeutralBelow is < 0 or >= 1)
        {
            throw new InvalidOperationException($"{Section}:NeutralBelow must be from 0 to below 1.");
        }
        if (MaxAttempts is < 1 or > 10)
        {
            throw new InvalidOperationException($"{Section}:MaxAttempts must be from 1 to 10.");
        }
        if (Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:Timeout must be positive.");
        }
        if (!UsesAzure)
        {
            return;
        }
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{Section}:Endpoint must be the Language resource's URL for the Azure provider.");
        }
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new InvalidOperationException($"{Section}:ApiKey is required for the Azure provider.");
        }
    }
}
