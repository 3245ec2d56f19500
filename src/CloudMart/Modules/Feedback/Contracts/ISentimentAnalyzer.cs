namespace CloudMart.Modules.Feedback.Contracts;

/// <summary>
/// How a customer feels in a piece of text (a review, a ticket message). The local analyzer answers offline; Azure AI
/// Language answers when configured, and the local analyzer stands in when it fails.
/// </summary>
public interface ISentimentAnalyzer
{
    /// <summary>Scores one text; empty or blank text is neutral.</summary>
    Task<SentimentResult> AnalyzeAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Scores many texts at once (faster than one by one); the results are in the order of <paramref name="texts"/>.</summary>
    Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,

    /// <summary>Clearly positive and clearly negative parts in one text.</summary>
    Mixed,
}

/// <summary>
/// A text's sentiment. <paramref name="Score"/> runs from −1 (negative) to +1 (positive); <paramref name="Confidence"/>
/// (0–1) is how sure the analyzer is of <paramref name="Label"/>. <paramref name="Provider"/> names who answered
/// (<c>local</c> or <c>azure</c>); <paramref name="FallbackReason"/> says why the local analyzer answered instead of
/// the configured provider, and is null when the configured provider answered.
/// </summary>
public sealed record SentimentResult(
    SentimentLabel Label,
    double Score,
    double Confidence,
    IReadOnlyList<SentenceSentiment> Sentences,
    string Provider,
    string? FallbackReason = null);

/// <summary>One sentence of the text, found at <paramref name="Offset"/> (UTF-16 characters) with <paramref name="Length"/>.</summary>
public sealed record SentenceSentiment(string Text, int Offset, int Length, SentimentLabel Label, double Score, double Confidence);
