using System.Globalization;
using CloudMart.Modules.Assistant.Intents;
using CsvHelper;
using CsvHelper.Configuration;

namespace CloudMart.Modules.Assistant.Evaluate;

internal sealed record LabelledUtterance(string Utterance, string Intent);

internal sealed record Confusion(string Expected, string Predicted, int Count);

internal sealed record EvaluationReport(int Total, double Accuracy, IReadOnlyList<Confusion> Confusions);

/// <summary>A file that cannot be evaluated, said in the user's terms (the CLI prints it and exits 2).</summary>
internal sealed class EvaluationFileException(string message) : Exception(message);

/// <summary>Measures the intent recogniser on labelled utterances: accuracy and the pairs it confuses most.</summary>
internal sealed class IntentEvaluation(IntentClassifier classifier)
{
    public const int MaxRows = 200_000;
    private const int Batch = 64;

    /// <summary>Reads a CSV with a header holding <c>utterance</c> and <c>intent</c> columns (others are ignored).</summary>
    public static IReadOnlyList<LabelledUtterance> Read(TextReader reader)
    {
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new EvaluationFileException("The file is empty; it needs a header with utterance and intent columns.");
        }
        var header = csv.HeaderRecord ?? [];
        if (!header.Contains("utterance") || !header.Contains("intent"))
        {
            throw new EvaluationFileException($"The header must name the columns utterance and intent; it has: {string.Join(", ", header)}.");
        }
        var rows = new List<LabelledUtterance>();
        while (csv.Read())
        {
            var utterance = csv.GetField("utterance")?.Trim();
            var intent = csv.GetField("intent")?.Trim();
            if (string.IsNullOrEmpty(utterance) || string.IsNullOrEmpty(intent))
            {
                throw new EvaluationFileException($"Line {csv.Parser.RawRow}: both utterance and intent are required.");
            }
            if (rows.Count == MaxRows)
            {
                throw new EvaluationFileException($"The file has more than {MaxRows:N0} rows.");
            }
            rows.Add(new LabelledUtterance(utterance, intent));
        }
        if (rows.Count == 0)
        {
            throw new EvaluationFileException("The file has a header but no utterances.");
        }
        return rows;
    }

    public async Task<EvaluationReport> EvaluateAsync(IReadOnlyList<LabelledUtterance> rows, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var correct = 0;
        var confusions = new Dictionary<(string, string), int>();
        for (var start = 0; start < rows.Count; start += Batch)
        {
            var batch = rows.Skip(start).Take(Batch).ToList();
            var matches = await classifier.ClassifyAsync(batch.Select(r => r.Utterance).ToList(), cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                if (matches[i].Intent == batch[i].Intent)
                {
                    correct++;
                }
                else
                {
                    var key = (batch[i].Intent, matches[i].Intent);
                    confusions[key] = confusions.GetValueOrDefault(key) + 1;
                }
            }
            progress?.Report(start + batch.Count);
        }
        return new EvaluationReport(
            rows.Count,
            Math.Round((double)correct / rows.Count, 4),
            confusions.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Item1, StringComparer.Ordinal)
                .Select(c => new Confusion(c.Key.Item1, c.Key.Item2, c.Value)).ToList());
    }
}
