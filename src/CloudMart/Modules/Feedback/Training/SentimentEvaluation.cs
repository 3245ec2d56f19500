using CloudMart.Modules.Feedback.Contracts;

namespace CloudMart.Modules.Feedback.Training;

/// <summary>One analyzer's figures on labelled sentences, overall and per domain.</summary>
internal sealed record AnalyzerFigures(string Name, Figures Overall, IReadOnlyDictionary<string, Figures> Domains, double TextsPerSecond);

/// <summary>
/// Accuracy: the predicted label is the gold label (a neutral guess on a positive or negative sentence is wrong).
/// Macro-F1: the mean F1 over the gold classes present. Forced accuracy: the sign of the score alone, for sentences
/// with a positive or negative gold label. Pearson r: between the score and the gold (−1, 0, +1).
/// </summary>
internal sealed record Figures(int Sentences, double Accuracy, double MacroF1, double ForcedAccuracy, double PearsonR);

internal static class SentimentEvaluation
{
    public static Figures Measure(IReadOnlyList<(SentimentLabel Gold, SentimentLabel Predicted, double Score)> rows)
    {
        var classes = rows.Select(r => r.Gold).Distinct().Order().ToList();
        // Mixed is no gold class: a mixed guess counts by the side its score leans to.
        var predicted = rows.Select(r => r.Predicted == SentimentLabel.Mixed ? (r.Score >= 0 ? SentimentLabel.Positive : SentimentLabel.Negative) : r.Predicted).ToList();
        var f1 = classes.Select(c =>
        {
            var truePositives = rows.Where((r, i) => r.Gold == c && predicted[i] == c).Count();
            var guessed = predicted.Count(p => p == c);
            var actual = rows.Count(r => r.Gold == c);
            var precision = guessed == 0 ? 0 : (double)truePositives / guessed;
            var recall = actual == 0 ? 0 : (double)truePositives / actual;
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }).ToList();
        var polar = rows.Where(r => r.Gold != SentimentLabel.Neutral).ToList();
        var forced = polar.Count == 0 ? 0 : polar.Count(r => r.Score > 0 == (r.Gold == SentimentLabel.Positive)) / (double)polar.Count;
        return new Figures(
            rows.Count,
            rows.Where((r, i) => r.Gold == predicted[i]).Count() / (double)rows.Count,
            f1.Count == 0 ? 0 : f1.Average(),
            forced,
            Pearson([.. rows.Select(r => r.Score)], [.. rows.Select(r => r.Gold switch { SentimentLabel.Positive => 1.0, SentimentLabel.Negative => -1.0, _ => 0.0 })]));
    }

    public static double Pearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    public static AnalyzerFigures Figures(string name, IReadOnlyList<LabelledSentence> sentences, IReadOnlyList<(SentimentLabel Label, double Score)> predictions, double seconds)
    {
        var rows = sentences.Select((s, i) => (s.Label, predictions[i].Label, predictions[i].Score)).ToList();
        var domains = sentences.Select((s, i) => (s.Domain, Row: rows[i])).GroupBy(x => x.Domain, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Measure([.. g.Select(x => x.Row)]), StringComparer.Ordinal);
        return new AnalyzerFigures(name, Measure(rows), domains, seconds <= 0 ? 0 : sentences.Count / seconds);
    }
}
