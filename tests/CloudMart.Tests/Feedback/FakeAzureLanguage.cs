using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudMart.Tests.Feedback;

/// <summary>
/// A stand-in for Azure AI Language's <c>POST /language/:analyze-text</c> on a real socket, speaking the documented
/// wire format: the request body (kind, parameters, analysisInput.documents), the subscription-key header, at most
/// ten documents a request (400 InvalidDocumentBatch otherwise), per-document errors, 401 for a wrong key and 429
/// with Retry-After when throttling. Its "model" is a few words, enough to tell what came back from where.
/// </summary>
public sealed class FakeAzureLanguage : IAsyncDisposable
{
    public const string Key = "test-key-not-a-secret";

    private readonly WebApplication _app;
    private int _requests;

    public FakeAzureLanguage()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/language/:analyze-text", (Delegate)HandleAsync);
    }

    /// <summary>The request bodies received, in order.</summary>
    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    public ConcurrentQueue<string> QueryStrings { get; } = new();

    /// <summary>Answer this many requests with 429 Too Many Requests before answering normally.</summary>
    public int ThrottleFirst { get; set; }

    /// <summary>Answer every request with 500 (the service is down).</summary>
    public bool Down { get; set; }

    public int RequestCount => Volatile.Read(ref _requests);

    public Uri Endpoint { get; private set; } = null!;

    public async Task StartAsync()
    {
        await _app.StartAsync();
        Endpoint = new Uri(_app.Urls.First());
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        QueryStrings.Enqueue(context.Request.QueryString.Value ?? "");
        if (context.Request.Headers["Ocp-Apim-Subscription-Key"] != Key)
        {
            return Error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
        }
        if (context.Request.Query["api-version"] != "2023-04-01")
        {
            return Error(404, "404", "Resource not found");
        }
        var body = await JsonDocument.ParseAsync(context.Request.Body);
        Requests.Enqueue(body.RootElement.Clone());
        if (Down)
        {
            return Error(500, "InternalServerError", "Internal server error.");
        }
        if (number <= ThrottleFirst)
        {
            context.Response.Headers.RetryAfter = "1";
            return Error(429, "429", "Requests to the Analyze Text operation under Language API have exceeded rate limit of your current Language S pricing tier. Please retry after 1 second.");
        }
        var documents = body.RootElement.GetProperty("analysisInput").GetProperty("documents").EnumerateArray().ToList();
        if (body.RootElement.GetProperty("kind").GetString() != "SentimentAnalysis")
        {
            return Error(400, "InvalidArgument", "Invalid kind.");
        }
        if (documents.Count > 10)
        {
            return Error(400, "InvalidArgument", "Batch request contains too many records. Max 10 records are permitted.", "InvalidDocumentBatch");
        }
        var results = new List<object>();
        var errors = new List<object>();
        foreach (var document in documents)
        {
            var id = document.GetProperty("id").GetString()!;
            var text = document.GetProperty("text").GetString()!;
            if (text.Contains("REFUSE", StringComparison.Ordinal))
            {
                errors.Add(new { id, error = new { code = "InvalidArgument", message = "Invalid document in request.", innererror = new { code = "InvalidDocument", message = "Document text is invalid." } } });
                continue;
            }
            var sentences = new List<object>();
            var offset = 0;
            var labels = new List<string>();
            foreach (var part in text.Split(". "))
            {
                var sentence = part.EndsWith('.') || offset + part.Length >= text.Length ? part : part + ".";
                var label = Judge(sentence);
                labels.Add(label);
                sentences.Add(new { sentiment = label, confidenceScores = Scores(label), offset, length = sentence.Length, text = sentence, targets = Array.Empty<object>(), assessments = Array.Empty<object>() });
                offset += part.Length + 2;
            }
            var overall = labels.Contains("positive") && labels.Contains("negative") ? "mixed" : labels.Contains("negative") ? "negative" : labels.Contains("positive") ? "positive" : "neutral";
            results.Add(new { id, sentiment = overall, confidenceScores = Scores(overall), sentences, warnings = Array.Empty<object>() });
        }
        return Results.Json(new { kind = "SentimentAnalysisResults", results = new { documents = results, errors, modelVersion = "2022-11-01" } });
    }

    private static string Judge(string sentence) =>
        sentence.Contains("love", StringComparison.OrdinalIgnoreCase) || sentence.Contains("great", StringComparison.OrdinalIgnoreCase) ? "positive"
        : sentence.Contains("broken", StringComparison.OrdinalIgnoreCase) || sentence.Contains("awful", StringComparison.OrdinalIgnoreCase) ? "negative"
        : "neutral";

    private static object Scores(string label) => label switch
    {
        "positive" => new { positive = 0.93, neutral = 0.05, negative = 0.02 },
        "negative" => new { positive = 0.01, neutral = 0.04, negative = 0.95 },
        "mixed" => new { positive = 0.48, neutral = 0.04, negative = 0.48 },
        _ => new { positive = 0.1, neutral = 0.85, negative = 0.05 },
    };

    private static IResult Error(int status, string code, string message, string? inner = null) =>
        Results.Json(inner is null ? new { error = new { code, message } } : (object)new { error = new { code, message, innererror = new { code = inner, message } } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
