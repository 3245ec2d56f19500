using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace CloudMart.Modules.Recommendations.Evaluation;

/// <summary>A line of the interactions file that cannot be read; the message names the line.</summary>
internal sealed class InteractionsFileException(string message) : Exception(message);

/// <summary>
/// Interactions read from a CSV with the header <c>user,item,timestamp</c> and an optional <c>basket</c> column (any
/// order). Users, items and baskets are numbered as they first appear; a timestamp is ISO 8601 or a number (one
/// kind per file), kept as a sortable number.
/// </summary>
internal sealed partial class InteractionLog
{
    private static readonly string[] Required = ["user", "item", "timestamp"];

    public List<string> UserNames { get; } = [];

    public List<string> ItemNames { get; } = [];

    public List<int> Users { get; } = [];

    public List<int> Items { get; } = [];

    public List<double> Times { get; } = [];

    /// <summary>The basket of each interaction, or −1 when the file has no basket column.</summary>
    public List<int> Baskets { get; } = [];

    public bool HasBaskets { get; private set; }

    public int Count => Users.Count;

    /// <param name="progress">Fraction of the file read (0..1), reported now and then.</param>
    public static InteractionLog Read(Stream stream, IProgress<double>? progress = null)
    {
        var log = new InteractionLog();
        using var reader = new StreamReader(stream);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false });
        if (!csv.Read())
        {
            throw new InteractionsFileException("The file is empty: it needs the header user,item,timestamp (and optionally basket) and one row per interaction.");
        }
        var header = csv.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var column = log.ReadHeader(header);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var baskets = new Dictionary<(int, string), int>();
        bool? numericTimes = null;
        var length = stream.CanSeek ? Math.Max(1, stream.Length) : 0;
        while (csv.Read())
        {
            var line = csv.RawRow;
            var record = csv.Record!;
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
            {
                continue; // a blank line
            }
            if (record.Length != header.Length)
            {
                throw new InteractionsFileException($"Line {line}: expected {header.Length} fields ({string.Join(',', header)}), found {record.Length}.");
            }
            var user = Field(record, column.User, "user", line);
            var item = Field(record, column.Item, "item", line);
            var (time, numeric) = Timestamp(record[column.Timestamp].Trim(), line);
            if (numericTimes is { } kind && kind != numeric)
            {
                throw new InteractionsFileException($"Line {line}: timestamp '{record[column.Timestamp]}' is {(numeric ? "a number" : "a date")}, but earlier rows use {(kind ? "numbers" : "ISO 8601 dates")}; use one kind per file.");
            }
            numericTimes = numeric;
            var userNumber = Number(users, user, log.UserNames);
            log.Users.Add(userNumber);
            log.Items.Add(Number(items, item, log.ItemNames));
            log.Times.Add(time);
            if (column.Basket is { } b)
            {
                var basket = Field(record, b, "basket", line);
                if (!baskets.TryGetValue((userNumber, basket), out var basketNumber))
                {
                    baskets[(userNumber, basket)] = basketNumber = baskets.Count;
                }
                log.Baskets.Add(basketNumber);
            }
            else
            {
                log.Baskets.Add(-1);
            }
            if (length > 0 && (log.Count & 8191) == 0)
            {
                progress?.Report(Math.Min(1, (double)stream.Position / length));
            }
        }
        if (log.Count == 0)
        {
            throw new InteractionsFileException("The file has a header but no interactions.");
        }
        progress?.Report(1);
        return log;
    }

    private (int User, int Item, int Timestamp, int? Basket) ReadHeader(string[] header)
    {
        var unknown = header.Where(h => !Required.Contains(h) && h != "basket").ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        var repeated = header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || repeated.Count > 0)
        {
            var problems = new[]
            {
                missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : null,
                unknown.Count > 0 ? $"unknown {string.Join(", ", unknown.Select(u => $"'{u}'"))}" : null,
                repeated.Count > 0 ? $"repeated {string.Join(", ", repeated)}" : null,
            }.Where(p => p is not null);
            throw new InteractionsFileException(
                $"Line 1: the header must be user,item,timestamp with an optional basket column ({string.Join("; ", problems)}).");
        }
        HasBaskets = header.Contains("basket");
        return (Array.IndexOf(header, "user"), Array.IndexOf(header, "item"), Array.IndexOf(header, "timestamp"),
            HasBaskets ? Array.IndexOf(header, "basket") : null);
    }

    private static string Field(string[] record, int index, string name, int line)
    {
        var value = record[index].Trim();
        return value.Length > 0 ? value : throw new InteractionsFileException($"Line {line}: {name} is empty.");
    }

    private static (double Value, bool Numeric) Timestamp(string text, int line)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return (number, true);
        }
        if (IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return (date.UtcTicks, false);
        }
        throw new InteractionsFileException($"Line {line}: timestamp '{(text.Length > 40 ? text[..40] + "…" : text)}' is neither an ISO 8601 date and time nor a number.");
    }

    private static int Number(Dictionary<string, int> numbers, string name, List<string> names)
    {
        if (!numbers.TryGetValue(name, out var number))
        {
            numbers[name] = number = names.Count;
            names.Add(name);
        }
        return number;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
