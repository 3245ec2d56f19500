using System.Globalization;
using CloudMart.Modules.Feedback.Contracts;
using CloudMart.Modules.Feedback.Sentiment;
using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Feedback.Training;

/// <summary>
/// Trains the local analyzer's <see cref="SentimentModel"/> on the training part of labelled sentences (never the
/// held-out part): (1) a word lexicon, as a logistic regression over each sentence's words weighted by
/// <see cref="SentimentRules"/>; (2) the rule features of every sentence from a lexicon that did not see it (5-fold
/// cross-fitting, so the final classifier does not trust the lexicon more than it deserves); (3) a logistic regression
/// over the MiniLM embedding and the rule features, its L2 strength chosen by 5-fold cross-validation; (4) Platt
/// scaling on the out-of-fold logits. Deterministic: the same sentences give the same file.
/// </summary>
internal sealed class SentimentTrainer(IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    private const int Folds = 5;
    private const int MinWordCount = 2;
    private const double LexiconL2 = 0.002;
    private static readonly double[] L2Grid = [0.001, 0.003, 0.01, 0.03];

    public async Task<(SentimentModel Model, TrainingReport Report)> TrainAsync(IReadOnlyList<LabelledSentence> all, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var rows = all.Where(s => !s.IsHeldOut && s.Label != SentimentLabel.Neutral).ToList();
        if (rows.Count < 50 || rows.All(r => r.Label == rows[0].Label))
        {
            throw new LabelledFileException($"Training needs at least 50 positive and negative sentences outside the held-out part, with both labels; there are {rows.Count}.");
        }
        var labels = rows.Select(r => r.Label == SentimentLabel.Positive).ToList();
        var vectors = new List<float[]>(rows.Count);
        foreach (var chunk in rows.Chunk(64))
        {
            var generated = await embeddings.GenerateAsync(chunk.Select(r => r.Text), cancellationToken: cancellationToken);
            vectors.AddRange(generated.Select(e => e.Vector.ToArray()));
            progress?.Report(vectors.Count);
        }
        var dimensions = vectors[0].Length;
        var modelId = embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";

        var weighed = rows.Select(r => SentimentRules.Weigh(r.Text)).ToList();
        var vocabulary = weighed.SelectMany(w => w.Select(x => x.Word).Distinct(StringComparer.Ordinal))
            .GroupBy(w => w, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinWordCount && g.Key.Any(char.IsLetter))
            .Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var wordIndex = vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        var bags = weighed.Select(w => w.Where(x => wordIndex.ContainsKey(x.Word))
            .GroupBy(x => wordIndex[x.Word]).Select(g => (g.Key, g.Sum(x => x.Weight))).ToArray()).ToList();

        var fold = Enumerable.Range(0, rows.Count).Select(i => i % Folds).ToArray();
        var ruleFeatures = new double[rows.Count][];
        for (var k = 0; k < Folds; k++)
        {
            var inFold = Enumerable.Range(0, rows.Count).Where(i => fold[i] != k).ToList();
            var lexicon = Lexicon(vocabulary, LogisticRegression.Train([.. inFold.Select(i => bags[i])], [.. inFold.Select(i => labels[i])], vocabulary.Count, LexiconL2));
            foreach (var i in Enumerable.Range(0, rows.Count).Where(i => fold[i] == k))
            {
                ruleFeatures[i] = SentimentRules.Features(rows[i].Text, lexicon);
            }
        }
        var finalLexicon = Lexicon(vocabulary, LogisticRegression.Train(bags, labels, vocabulary.Count, LexiconL2));

        var featureCount = dimensions + SentimentRules.FeatureCount;
        var raw = rows.Select((_, i) => vectors[i].Select(v => (double)v).Concat(ruleFeatures[i]).ToArray()).ToList();
        var means = new double[featureCount];
        var scales = new double[featureCount];
        for (var f = 0; f < featureCount; f++)
        {
            var mean = raw.Average(x => x[f]);
            var deviation = Math.Sqrt(raw.Average(x => (x[f] - mean) * (x[f] - mean)));
            means[f] = mean;
            scales[f] = Math.Max(deviation, 1e-3);
        }
        var standardised = raw.Select(x => x.Select((v, f) => (f, (v - means[f]) / scales[f])).ToArray()).ToList();

        double bestL2 = L2Grid[0], bestLoss = double.MaxValue;
        double[] bestOutOfFold = [];
        foreach (var l2 in L2Grid)
        {
            var outOfFold = new double[rows.Count];
            for (var k = 0; k < Folds; k++)
            {
                var inFold = Enumerable.Range(0, rows.Count).Where(i => fold[i] != k).ToList();
                var fit = LogisticRegression.Train([.. inFold.Select(i => standardised[i])], [.. inFold.Select(i => labels[i])], featureCount, l2);
                foreach (var i in Enumerable.Range(0, rows.Count).Where(i => fold[i] == k))
                {
                    outOfFold[i] = fit.Logit(standardised[i]);
                }
            }
            var loss = LogLoss(outOfFold, labels);
            if (loss < bestLoss)
            {
                (bestL2, bestLoss, bestOutOfFold) = (l2, loss, outOfFold);
            }
        }
        var calibration = LogisticRegression.Train([.. bestOutOfFold.Select(z => new[] { (0, z) })], labels, 1, 0, iterations: 600);
        var final = LogisticRegression.Train(standardised, labels, featureCount, bestL2);
        var crossValidatedAccuracy = bestOutOfFold.Select((z, i) => z > 0 == labels[i]).Count(x => x) / (double)rows.Count;

        var model = new SentimentModel
        {
            EmbeddingModel = modelId,
            Dimensions = dimensions,
            TrainedOn = string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count} sentences ({string.Join(", ", rows.GroupBy(r => r.Domain).Select(g => $"{g.Key} {g.Count()}"))}) outside the held-out {LabelledSentences.HeldOutPercent} % (split seed '{LabelledSentences.SplitSeed}'); L2 {bestL2}; 5-fold accuracy {crossValidatedAccuracy:0.000}"),
            Lexicon = finalLexicon,
            Means = means,
            Scales = scales,
            Weights = final.Weights,
            Bias = final.Bias,
            CalibrationSlope = calibration.Weights[0],
            CalibrationIntercept = calibration.Bias,
        };
        return (model, new TrainingReport(rows.Count, finalLexicon.Count, bestL2, crossValidatedAccuracy));
    }

    /// <summary>Keeps the words whose polarity matters; the rest would only make the file bigger.</summary>
    private static Dictionary<string, double> Lexicon(List<string> vocabulary, LogisticRegression.Fit fit) =>
        vocabulary.Select((w, i) => (w, fit.Weights[i])).Where(p => Math.Abs(p.Item2) >= 0.05).ToDictionary(p => p.w, p => p.Item2, StringComparer.Ordinal);

    private static double LogLoss(double[] logits, List<bool> labels) =>
        logits.Select((z, i) => -Math.Log(Math.Clamp(labels[i] ? LogisticRegression.Sigmoid(z) : 1 - LogisticRegression.Sigmoid(z), 1e-12, 1))).Average();
}

internal sealed record TrainingReport(int Sentences, int LexiconWords, double L2, double CrossValidatedAccuracy);
