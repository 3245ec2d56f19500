using System.Reflection;
using System.Text.Json;
using CloudMart.Modules.Assistant.Policies;
using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Assistant.Intents;

/// <summary>A recognised intent, how sure the recogniser is (cosine, −1..1) and the runner-up.</summary>
internal sealed record IntentMatch(string Intent, double Score, string RunnerUp, double RunnerUpScore)
{
    /// <summary>Below this the message is not understood well enough to act on.</summary>
    public const double MinimumScore = 0.45;

    public bool IsConfident => Score >= MinimumScore;
}

/// <summary>
/// Recognises what a customer wants from the embedding of their message: the nearest intents by similarity to the
/// shop's own example utterances (Intents/intents.json). An intent's score is the mean of its <see cref="K"/> closest
/// examples, which is steadier than the single closest one and less blurred than the intent's centroid.
/// </summary>
internal sealed class IntentClassifier
{
    public const int K = 2;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly Lazy<Task<float[][]>> _vectors;

    public IntentClassifier(IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        _embeddings = embeddings;
        Examples = LoadExamples();
        Intents = Examples.Select(e => e.Intent).Distinct().ToList();
        _vectors = new Lazy<Task<float[][]>>(async () =>
            (await _embeddings.GenerateAsync(Examples.Select(e => e.Text))).Select(e => e.Vector.ToArray()).ToArray(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<(string Intent, string Text)> Examples { get; }

    public IReadOnlyList<string> Intents { get; }

    public async Task<IntentMatch> ClassifyAsync(string message, CancellationToken cancellationToken) =>
        (await ClassifyAsync([message], cancellationToken))[0];

    public async Task<IReadOnlyList<IntentMatch>> ClassifyAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        var examples = await _vectors.Value;
        var embedded = await _embeddings.GenerateAsync(messages, cancellationToken: cancellationToken);
        return embedded.Select(e => Match(e.Vector.Span, examples)).ToList();
    }

    private IntentMatch Match(ReadOnlySpan<float> message, float[][] examples)
    {
        var best = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Length; i++)
        {
            var intent = Examples[i].Intent;
            if (!best.TryGetValue(intent, out var scores))
            {
                best[intent] = scores = [];
            }
            scores.Add(Vectors.Cosine(message, examples[i]));
        }
        var ranked = best
            .Select(b => (Intent: b.Key, Score: b.Value.OrderByDescending(s => s).Take(K).Average()))
            .OrderByDescending(r => r.Score)
            .ToList();
        return new IntentMatch(ranked[0].Intent, ranked[0].Score, ranked[1].Intent, ranked[1].Score);
    }

    private static List<(string Intent, string Text)> LoadExamples()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CloudMart.AssistantIntents.json")
            ?? throw new InvalidOperationException("The assistant's intent examples are not embedded in the assembly.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("intents").EnumerateArray()
            .SelectMany(intent => intent.GetProperty("examples").EnumerateArray()
                .Select(example => (intent.GetProperty("name").GetString()!, example.GetString()!)))
            .ToList();
    }
}
