using System.Text;
using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws;

/// <summary>How a read is charged: eventually consistent (half), strongly consistent (one) or in a transaction (two) per 4 KB.</summary>
internal enum ReadKind
{
    Eventual,
    Strong,
    Transactional,
}

/// <summary>
/// DynamoDB's documented capacity rules, for when the service (or an emulator) does not report what a call consumed.
/// Item size: <see href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html"/>
/// (names and values in UTF-8 bytes; a number is about one byte per two significant digits plus one; a boolean or
/// null one byte; a list or map three bytes plus one per element). Units:
/// <see href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html"/>
/// (a write is one unit per started KB, two in a transaction; a read is one unit per started 4 KB when strongly
/// consistent, half when eventually consistent, two in a transaction; a Query rounds the sum of its items up once,
/// a batch or a transaction rounds each item).
/// </summary>
internal static class CapacityRules
{
    public const int WriteChunk = 1024;
    public const int ReadChunk = 4096;

    public static long ItemSize(IReadOnlyDictionary<string, AttributeValue>? item) =>
        item is null ? 0 : item.Sum(attribute => Encoding.UTF8.GetByteCount(attribute.Key) + ValueSize(attribute.Value));

    public static long ItemSize(Dictionary<string, AttributeValue>? item) => ItemSize((IReadOnlyDictionary<string, AttributeValue>?)item);

    public static long ValueSize(AttributeValue value)
    {
        if (value.S is not null) return Encoding.UTF8.GetByteCount(value.S);
        if (value.N is not null) return NumberSize(value.N);
        if (value.B is not null) return value.B.Length;
        if (value.BOOL is not null || value.NULL is not null) return 1;
        if (value.SS is not null) return value.SS.Sum(s => (long)Encoding.UTF8.GetByteCount(s));
        if (value.NS is not null) return value.NS.Sum(NumberSize);
        if (value.BS is not null) return value.BS.Sum(b => b.Length);
        if (value.L is not null) return 3 + value.L.Sum(element => 1 + ValueSize(element));
        if (value.M is not null) return 3 + value.M.Sum(entry => 1 + Encoding.UTF8.GetByteCount(entry.Key) + ValueSize(entry.Value));
        return 0;
    }

    /// <summary>About one byte per two significant digits (leading and trailing zeroes trimmed), plus one.</summary>
    public static long NumberSize(string number)
    {
        var digits = number.TrimStart('-', '+');
        var exponent = digits.IndexOfAny(['e', 'E']);
        if (exponent >= 0)
        {
            digits = digits[..exponent];
        }
        digits = digits.Replace(".", "", StringComparison.Ordinal).Trim('0');
        return (digits.Length + 1) / 2 + 1;
    }

    /// <summary>Write units for one item: one per started KB (at least one), doubled in a transaction.</summary>
    public static double WriteUnits(long itemBytes, bool transactional = false) =>
        Math.Max(1, Chunks(itemBytes, WriteChunk)) * (transactional ? 2 : 1);

    /// <summary>Read units for one item, or for a Query's items summed: per started 4 KB (at least one), by kind.</summary>
    public static double ReadUnits(long bytes, ReadKind kind) =>
        Math.Max(1, Chunks(bytes, ReadChunk)) * kind switch
        {
            ReadKind.Eventual => 0.5,
            ReadKind.Strong => 1.0,
            _ => 2.0,
        };

    public static ReadKind Consistency(bool? consistentRead) => consistentRead == true ? ReadKind.Strong : ReadKind.Eventual;

    private static long Chunks(long bytes, int chunk) => (bytes + chunk - 1) / chunk;
}
