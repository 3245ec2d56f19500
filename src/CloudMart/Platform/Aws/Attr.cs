using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws;

/// <summary>Short ways to write and read DynamoDB attribute values; numbers always in the invariant culture.</summary>
internal static class Attr
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue N(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A UTC instant as ISO 8601 text, which sorts as it reads.</summary>
    public static AttributeValue Time(DateTime value) => new() { S = value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) };

    /// <summary>Seconds since the epoch: the format DynamoDB's time to live reads.</summary>
    public static AttributeValue Epoch(DateTimeOffset value) => N(value.ToUnixTimeSeconds());

    public static string Str(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is not null ? value.S : throw new InvalidDataException($"The item has no text attribute {name}.");

    public static string? OptionalStr(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static long Long(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null
            ? long.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"The item has no number attribute {name}.");

    public static int Int(this Dictionary<string, AttributeValue> item, string name) => checked((int)item.Long(name));

    public static decimal Decimal(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null
            ? decimal.Parse(value.N, NumberStyles.Number, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"The item has no number attribute {name}.");

    public static DateTime Time(this Dictionary<string, AttributeValue> item, string name) =>
        DateTime.Parse(item.Str(name), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static Guid Guid(this Dictionary<string, AttributeValue> item, string name) => System.Guid.Parse(item.Str(name));
}
