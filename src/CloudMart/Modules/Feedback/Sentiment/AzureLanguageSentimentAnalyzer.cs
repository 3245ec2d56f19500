using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudMart.Modules.Feedback.Contracts;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CloudMart.Modules.Feedback.Sentiment;

/// <summary>
/// Azure AI Language's sentiment analysis over its REST API (<c>POST {endpoint}/language/:analyze-text</c>, kind
/// <c>SentimentAnalysis</c>, API version 2023-04-01), ten documents a request as the service allows. Throttling (429,
/// honouring <c>Retry-After</c>), server errors and network failures are retried; a circuit breaker stops calling a
/// service that keeps failing. Whatever Azure cannot score — the whole batch after the last retry, or a document it
/// rejects — the local analyzer scores, and the result says why in <see cref="SentimentResult.FallbackReason"/>.
/// </summary>
internal sealed partial class AzureLanguageSentimentAnalyzer : ISentimentAnalyzer
{
    public const string ProviderName = "azure";
    public const string ApiVersion = "2023-04-01";

    /// <summary>The service's limits for synchronous sentiment analysis: documents per request, text elements per document.</summary>
    public const int MaxDocumentsPerRequest = 10;
    public const int MaxTextElements = 5120;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient _http;
    private readonly SentimentOptions _options;
    private readonly LocalSentimentAnalyzerFactory _local;
    private readonly ILogger<AzureLanguageSentimentAnalyzer> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public AzureLanguageSentimentAnalyzer(HttpClient http, IOptions<SentimentOptions> options, LocalSentimentAnalyzerFactory local, AzureLanguageCircuit circuit, ILogger<AzureLanguageSentimentAnalyzer> logger)
    {
        _http = http;
        _options = options.Value;
        _local = local;
        _logger = logger;
        _pipeline = circuit.Pipeline;
    }

    public async Task<SentimentResult> AnalyzeAsync(string text, CancellationToken cancellationToken = default) =>
        (await AnalyzeAsync([text], cancellationToken))[0];

    public async Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var results = new SentimentResult?[texts.Count];
        var fallbacks = new Dictionary<int, string>();
        var toSend = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? "";
            if (string.IsNullOrWhiteSpace(text))
            {
                results[i] = new SentimentResult(SentimentLabel.Neutral, 0, 1, [], ProviderName);
            }
            else if (new StringInfo(text).LengthInTextElements > MaxTextElements)
            {
                fallbacks[i] = $"longer than the {MaxTextElements} characters Azure AI Language takes in one document";
            }
            else
            {
                toSend.Add(i);
            }
        }
        foreach (var batch in toSend.Chunk(MaxDocumentsPerRequest))
        {
            try
            {
                var response = await SendAsync(batch, texts, cancellationToken);
                foreach (var document in response.Results?.Documents ?? [])
                {
                    if (int.TryParse(document.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && batch.Contains(index))
                    {
                        results[index] = Convert(document);
                    }
                }
                foreach (var error in response.Results?.Errors ?? [])
                {
                    if (int.TryParse(error.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && batch.Contains(index))
                    {
                        fallbacks[index] = $"Azure AI Language refused the text: {error.Error?.Code ?? "unknown error"}";
                    }
                }
                foreach (var index in batch.Where(i => results[i] is null && !fallbacks.ContainsKey(i)))
                {
                    fallbacks[index] = "Azure AI Language left the text out of its answer";
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var reason = Reason(e);
                LogFallback(_logger, batch.Length, reason);
                foreach (var index in batch)
                {
                    fallbacks[index] = reason;
                }
            }
        }
        if (fallbacks.Count > 0)
        {
            var indexes = fallbacks.Keys.Order().ToList();
            var local = await _local.Create().AnalyzeAsync([.. indexes.Select(i => texts[i])], cancellationToken);
            for (var k = 0; k < indexes.Count; k++)
            {
                results[indexes[k]] = local[k] with { FallbackReason = fallbacks[indexes[k]] };
            }
        }
        return results!;
    }

    private async Task<AnalyzeTextResponse> SendAsync(int[] batch, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var request = new AnalyzeTextRequest(
            "SentimentAnalysis",
            new SentimentParameters("latest", OpinionMining: true),
            new AnalysisInput([.. batch.Select(i => new InputDocument(i.ToString(CultureInfo.InvariantCulture), _options.Language, texts[i]))]));
        var address = new Uri($"{_options.Endpoint!.TrimEnd('/')}/language/:analyze-text?api-version={ApiVersion}&stringIndexType=Utf16CodeUnit");
        using var response = await _pipeline.ExecuteAsync(async token =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, address) { Content = JsonContent.Create(request, options: Json) };
            message.Headers.Add("Ocp-Apim-Subscription-Key", _options.ApiKey);
            return await _http.SendAsync(message, token);
        }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            throw new AzureLanguageException(response.StatusCode, error);
        }
        return await response.Content.ReadFromJsonAsync<AnalyzeTextResponse>(Json, cancellationToken)
            ?? throw new JsonException("Azure AI Language answered with an empty body.");
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, cancellationToken);
            return body?.Error?.Code;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        AzureLanguageException azure => $"Azure AI Language answered {(int)azure.Status}{(azure.Code is null ? "" : $" ({azure.Code})")}",
        BrokenCircuitException => "Azure AI Language is failing; calls paused by the circuit breaker",
        TimeoutRejectedException or OperationCanceledException => "Azure AI Language did not answer in time",
        HttpRequestException => "Azure AI Language could not be reached",
        JsonException or NotSupportedException => "Azure AI Language's answer could not be read",
        _ => "Azure AI Language failed",
    };

    private static SentimentResult Convert(OutputDocument document)
    {
        var (label, score, confidence) = Describe(document.Sentiment, document.ConfidenceScores);
        var sentences = (document.Sentences ?? []).Select(s =>
        {
            var (l, sc, c) = Describe(s.Sentiment, s.ConfidenceScores);
            return new SentenceSentiment(s.Text ?? "", s.Offset, s.Length, l, sc, c);
        }).ToList();
        return new SentimentResult(label, score, confidence, sentences, ProviderName);
    }

    private static (SentimentLabel Label, double Score, double Confidence) Describe(string? sentiment, ConfidenceScores? scores)
    {
        var positive = scores?.Positive ?? 0;
        var negative = scores?.Negative ?? 0;
        var neutral = scores?.Neutral ?? 0;
        var label = sentiment?.ToLowerInvariant() switch
        {
            "positive" => SentimentLabel.Positive,
            "negative" => SentimentLabel.Negative,
            "mixed" => SentimentLabel.Mixed,
            _ => SentimentLabel.Neutral,
        };
        var confidence = label switch
        {
            SentimentLabel.Positive => positive,
            SentimentLabel.Negative => negative,
            SentimentLabel.Neutral => neutral,
            _ => Math.Max(positive, negative),
        };
        return (label, Math.Clamp(positive - negative, -1, 1), confidence);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentiment of {Count} text(s) scored locally: {Reason}")]
    private static partial void LogFallback(ILogger logger, int count, string reason);

    private sealed record AnalyzeTextRequest(string Kind, SentimentParameters Parameters, AnalysisInput AnalysisInput);

    private sealed record SentimentParameters(string ModelVersion, bool OpinionMining);

    private sealed record AnalysisInput(IReadOnlyList<InputDocument> Documents);

    private sealed record InputDocument(string Id, string Language, string Text);

    private sealed record AnalyzeTextResponse(string? Kind, AnalyzeTextResults? Results);

    private sealed record AnalyzeTextResults(IReadOnlyList<OutputDocument>? Documents, IReadOnlyList<DocumentError>? Errors, string? ModelVersion);

    private sealed record OutputDocument(string Id, string? Sentiment, ConfidenceScores? ConfidenceScores, IReadOnlyList<OutputSentence>? Sentences);

    private sealed record OutputSentence(string? Sentiment, ConfidenceScores? ConfidenceScores, int Offset, int Length, string? Text);

    private sealed record ConfidenceScores(double Positive, double Neutral, double Negative);

    private sealed record DocumentError(string Id, ErrorDetail? Error);

    private sealed record ErrorResponse(ErrorDetail? Error);

    private sealed record ErrorDetail(string? Code, string? Message);
}

/// <summary>Azure AI Language answered with an error status that retrying did not cure.</summary>
internal sealed class AzureLanguageException(HttpStatusCode status, string? code) : Exception($"Azure AI Language answered {(int)status} {code}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Code { get; } = code;
}

/// <summary>
/// The retry, circuit-breaker and time-limit pipeline of calls to Azure AI Language. One for the process: what the
/// service's failures say about it must be remembered across requests.
/// </summary>
internal sealed class AzureLanguageCircuit
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(10);

    public AzureLanguageCircuit(IOptions<SentimentOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddTimeout(settings.Timeout);
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                ShouldHandle = Transient(),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                UseJitter = true,
                // Throttled: wait as long as the service asks (within reason), not our own guess.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.Headers.RetryAfter is RetryConditionHeaderValue retryAfter
                        ? (TimeSpan?)Clamp(retryAfter.Delta ?? (retryAfter.Date - time.GetUtcNow()) ?? TimeSpan.Zero)
                        : null),
            });
        }
        Pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = Transient(),
            })
            .Build();
    }

    private static PredicateBuilder<HttpResponseMessage> Transient() => new PredicateBuilder<HttpResponseMessage>()
        .Handle<HttpRequestException>()
        .Handle<TimeoutRejectedException>()
        .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500);

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestRetryAfter ? LongestRetryAfter : wait;
}
