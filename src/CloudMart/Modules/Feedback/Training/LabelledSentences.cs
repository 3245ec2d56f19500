using System.Globalization;
using System.Text;
using CloudMart.Modules.Feedback.Contracts;
using CsvHelper;
using CsvHelper.Configuration;

namespace CloudMart.Modules.Feedback.Training;

/// <summary>A sentence with its gold label, from the file (domain) it was read from.</summary>
internal sealed record LabelledSentence(string Domain, string Text, SentimentLabel Label)
{
    /// <summary>
    /// The fixed held-out split: a sentence is held out when a hash of its text (with <see cref="LabelledSentences.SplitSeed"/>)
    /// falls in the lowest <see cref="LabelledSentences.HeldOutPercent"/> percent. It depends on the text alone, so the
    /// split does not move when files are reordered, and a sentence that occurs twice is on one side only.
    /// </summary>
    public bool IsHeldOut => LabelledSentences.Bucket(Text) < LabelledSentences.HeldOutPercent;
}

/// <summary>
/// Reads labelled sentences: a file, or every <c>.tsv</c> and <c>.csv</c> file of a folder (each file a domain). A
/// header with <c>text</c> and <c>label</c> columns; labels <c>0</c>/<c>1</c> or <c>negative</c>/<c>neutral</c>/<c>positive</c>.
/// </summary>
internal static class LabelledSentences
{
    public const string SplitSeed = "cloudmart-sentiment-1";
    public const int HeldOutPercent = 30;

    public static IReadOnlyList<LabelledSentence> Read(string path)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            files = [.. Directory.EnumerateFiles(path).Where(f => f.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                throw new LabelledFileException($"{path} holds no .tsv or .csv files.");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new LabelledFileException($"There is no file or folder '{path}'.");
        }
        var sentences = new List<LabelledSentence>();
        foreach (var file in files)
        {
            sentences.AddRange(ReadFile(file));
        }
        return sentences;
    }

    private static List<LabelledSentence> ReadFile(string file)
    {
        var name = Path.GetFileName(file);
        var domain = Path.GetFileNameWithoutExtension(file);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = file.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? "\t" : ",",
            // The sentences quote freely ("…") inside unquoted tab-separated fields.
            Mode = file.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? CsvMode.NoEscape : CsvMode.RFC4180,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        var rows = new List<LabelledSentence>();
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            using var csv = new CsvReader(reader, configuration);
            if (!csv.Read() || !csv.ReadHeader())
            {
                throw new LabelledFileException($"{name} is empty: it needs a header with text and label columns.");
            }
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var textColumn = header.IndexOf("text");
            var labelColumn = header.IndexOf("label");
            if (textColumn < 0 || labelColumn < 0)
            {
                throw new LabelledFileException($"{name}: the header must have text and label columns, not '{string.Join(',', csv.HeaderRecord!)}'.");
            }
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var text = csv.GetField(textColumn)?.Trim() ?? "";
                var label = csv.GetField(labelColumn)?.Trim().ToLowerInvariant() ?? "";
                if (text.Length == 0)
                {
                    throw new LabelledFileException($"{name}, line {line}: the text is empty.");
                }
                rows.Add(new LabelledSentence(domain, text, label switch
                {
                    "0" or "negative" or "neg" => SentimentLabel.Negative,
                    "1" or "positive" or "pos" => SentimentLabel.Positive,
                    "neutral" => SentimentLabel.Neutral,
                    _ => throw new LabelledFileException($"{name}, line {line}: label '{label}' is not 0, 1, negative, neutral or positive."),
                }));
            }
        }
        catch (CsvHelperException e)
        {
            throw new LabelledFileException($"{name} could not be read: {e.Message}");
        }
        if (rows.Count == 0)
        {
            throw new LabelledFileException($"{name} has a header but no sentences.");
        }
        return rows;
    }

    /// <summary>0–99 from an FNV-1a hash of the seed and the normalised text: stable across runs and machines.</summary>
    public static int Bucket(string text)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        var hash = offset;
        foreach (var c in SplitSeed + "\n" + text.Trim().ToLowerInvariant())
        {
            hash = (hash ^ c) * prime;
        }
        return (int)(hash % 100);
    }
}

/// <summary>A labelled file that cannot be used, with the reason (file and line).</summary>
internal sealed class LabelledFileException(string message) : Exception(message);
