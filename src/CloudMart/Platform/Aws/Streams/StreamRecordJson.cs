using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>
/// Reads stream records from the JSON that both the DynamoDB Streams API (GetRecords) and Lambda's DynamoDB event
/// use: <c>{"eventName": "INSERT", "dynamodb": {"SequenceNumber": "…", "Keys": {…}, "NewImage": {…}, "OldImage": {…}}}</c>,
/// with attribute values in DynamoDB's typed form (<c>{"S": "text"}</c>, <c>{"N": "12"}</c>, …).
/// </summary>
internal static class StreamRecordJson
{
    /// <exception cref="InvalidDataException">The record is not a DynamoDB stream record.</exception>
    public static StreamRecord Parse(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object
            || !record.TryGetProperty("dynamodb", out var change) || change.ValueKind != JsonValueKind.Object
            || !change.TryGetProperty("SequenceNumber", out var sequence) || sequence.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException("A stream record needs a \"dynamodb\" object with a SequenceNumber.");
        }
        var eventName = record.TryGetProperty("eventName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
        return new StreamRecord(
            sequence.GetString()!,
            eventName,
            Image(change, "Keys") ?? [],
            Image(change, "NewImage"),
            Image(change, "OldImage"));
    }

    /// <summary>The sequence number of a record that may not parse as a whole, so a bad record can still be named.</summary>
    public static string? SequenceNumberOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object
        && record.TryGetProperty("dynamodb", out var change) && change.ValueKind == JsonValueKind.Object
        && change.TryGetProperty("SequenceNumber", out var sequence) && sequence.ValueKind == JsonValueKind.String
            ? sequence.GetString()
            : null;

    private static Dictionary<string, AttributeValue>? Image(JsonElement change, string property) =>
        change.TryGetProperty(property, out var image) && image.ValueKind == JsonValueKind.Object ? Map(image) : null;

    private static Dictionary<string, AttributeValue> Map(JsonElement map)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var attribute in map.EnumerateObject())
        {
            item[attribute.Name] = Value(attribute.Value);
        }
        return item;
    }

    private static AttributeValue Value(JsonElement typed)
    {
        if (typed.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("An attribute value must be an object such as {\"S\": \"text\"}.");
        }
        using var members = typed.EnumerateObject();
        if (!members.MoveNext())
        {
            throw new InvalidDataException("An attribute value is empty.");
        }
        var member = members.Current;
        var value = member.Value;
        return member.Name switch
        {
            "S" => new AttributeValue { S = value.GetString() },
            "N" => new AttributeValue { N = value.GetString() },
            "B" => new AttributeValue { B = new MemoryStream(value.GetBytesFromBase64()) },
            "BOOL" => new AttributeValue { BOOL = value.GetBoolean() },
            "NULL" => new AttributeValue { NULL = value.GetBoolean() },
            "SS" => new AttributeValue { SS = [.. value.EnumerateArray().Select(v => v.GetString()!)] },
            "NS" => new AttributeValue { NS = [.. value.EnumerateArray().Select(v => v.GetString()!)] },
            "L" => new AttributeValue { L = [.. value.EnumerateArray().Select(Value)] },
            "M" => new AttributeValue { M = Map(value) },
            _ => throw new InvalidDataException($"Unknown attribute type {member.Name}."),
        };
    }
}
