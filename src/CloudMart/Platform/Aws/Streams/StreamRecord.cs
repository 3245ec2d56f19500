using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>
/// One change to the table, as the stream carries it: GetRecords and a Lambda event deliver records in the same JSON
/// shape (<see cref="StreamRecordJson"/>). The sequence number orders records within a shard and names a record in
/// Lambda's <c>batchItemFailures</c>.
/// </summary>
internal sealed record StreamRecord(
    string SequenceNumber,
    string EventName,
    IReadOnlyDictionary<string, AttributeValue> Keys,
    Dictionary<string, AttributeValue>? NewImage,
    Dictionary<string, AttributeValue>? OldImage)
{
    public bool IsInsert => EventName == "INSERT";

    public bool IsModify => EventName == "MODIFY";

    /// <summary>The item's kind (Order, Stock, Event, …) from whichever image the record has.</summary>
    public string? Kind => (NewImage ?? OldImage)?.OptionalStr("Kind");
}
