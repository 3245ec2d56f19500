using CloudMart.Modules.Feedback.Contracts;
using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Feedback.Sentiment;

/// <summary>
/// Offline sentiment: each sentence's MiniLM embedding and rule features through the trained logistic regression.
/// A text of several sentences is scored whole and sentence by sentence, and the two averaged (on the logit scale);
/// it is mixed when it has a clearly positive and a clearly negative sentence.
/// </summary>
internal sealed class LocalSentimentAnalyzer(SentimentModel model, IEmbeddingGenerator<string, Embedding<float>> embeddings, double neutralBelow) : ISentimentAnalyzer
{
    public const string ProviderName = "local";

    /// <summary>Sentences scored one by one; beyond them a long text is judged on the whole.</summary>
    private const int MaxSentences = 50;

    /// <summary>A sentence at least this far from 0 counts as clearly positive or negative when looking for mixed texts.</summary>
    private const double ClearScore = 0.5;

    public async Task<SentimentResult> AnalyzeAsync(string text, CancellationToken cancellationToken = default) =>
        (await AnalyzeAsync([text], cancellationToken))[0];

    public async Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var plans = new List<(string Text, List<SentenceSplitter.Span> Sentences, int First)>(texts.Count);
        var units = new List<string>();
        foreach (var raw in texts)
        {
            var text = raw ?? "";
            var sentences = SentenceSplitter.Split(text);
            if (sentences.Count > MaxSentences)
            {
                sentences = sentences[..MaxSentences];
            }
            plans.Add((text, sentences, units.Count));
            if (sentences.Count == 0)
            {
                continue;
            }
            units.Add(text);
            if (sentences.Count > 1)
            {
                units.AddRange(sentences.Select(s => text.Substring(s.Offset, s.Length)));
            }
        }
        var vectors = units.Count == 0 ? [] : await embeddings.GenerateAsync(units, cancellationToken: cancellationToken);
        var results = new List<SentimentResult>(texts.Count);
        foreach (var (text, sentences, first) in plans)
        {
            if (sentences.Count == 0)
            {
                results.Add(new SentimentResult(SentimentLabel.Neutral, 0, 1, [], ProviderName));
                continue;
            }
            var whole = model.Probability(vectors[first].Vector.Span, text);
            if (sentences.Count == 1)
            {
                var one = Describe(whole);
                var span = sentences[0];
                results.Add(new SentimentResult(one.Label, one.Score, one.Confidence,
                    [new SentenceSentiment(text.Substring(span.Offset, span.Length), span.Offset, span.Length, one.Label, one.Score, one.Confidence)], ProviderName));
                continue;
            }
            var perSentence = sentences.Select((s, i) =>
            {
                var sentence = text.Substring(s.Offset, s.Length);
                var (label, score, confidence) = Describe(model.Probability(vectors[first + 1 + i].Vector.Span, sentence));
                return new SentenceSentiment(sentence, s.Offset, s.Length, label, score, confidence);
            }).ToList();
            var logit = (0.5 * Logit(whole)) + (0.5 * perSentence.Average(s => Logit((s.Score + 1) / 2)));
            var document = Describe(SentimentModel.Sigmoid(logit));
            var mostPositive = perSentence.Max(s => s.Score);
            var mostNegative = perSentence.Min(s => s.Score);
            if (mostPositive >= ClearScore && mostNegative <= -ClearScore)
            {
                document = (SentimentLabel.Mixed, document.Score, (((mostPositive + 1) / 2) + ((1 - mostNegative) / 2)) / 2);
            }
            results.Add(new SentimentResult(document.Label, document.Score, document.Confidence, perSentence, ProviderName));
        }
        return results;
    }

    private (SentimentLabel Label, double Score, double Confidence) Describe(double probability)
    {
        var score = Math.Round((2 * probability) - 1, 4);
        return Math.Abs(score) < neutralBelow
            ? (SentimentLabel.Neutral, score, Math.Round(1 - Math.Abs(score), 4))
            : (score > 0 ? SentimentLabel.Positive : SentimentLabel.Negative, score, Math.Round(Math.Max(probability, 1 - probability), 4));
    }

    private static double Logit(double p)
    {
        p = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(p / (1 - p));
    }
}
