using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Messaging;

namespace CloudMart.Platform.Aws;

/// <summary>
/// The outbox on DynamoDB: an integration event is an item written in the same TransactWriteItems as the change it
/// announces; the table's stream carries it to the handlers. Items expire a week later (the stream keeps 24 hours).
/// </summary>
internal static class DynamoEvents
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Key(Guid eventId) => $"EVENT#{eventId}";

    public static TransactWriteItem Put<TEvent>(string tableName, TEvent integrationEvent)
        where TEvent : IIntegrationEvent => new()
    {
        Put = new Put
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                ["PK"] = Attr.S(Key(integrationEvent.EventId)),
                ["SK"] = Attr.S("EVENT"),
                ["Kind"] = Attr.S("Event"),
                ["EventId"] = Attr.S(integrationEvent.EventId.ToString()),
                ["Type"] = Attr.S(typeof(TEvent).Name),
                ["StreamId"] = Attr.S(integrationEvent.StreamId),
                ["Payload"] = Attr.S(JsonSerializer.Serialize(integrationEvent, Json)),
                ["OccurredAt"] = Attr.Time(integrationEvent.OccurredAt),
                ["ExpiresAt"] = Attr.Epoch(new DateTimeOffset(integrationEvent.OccurredAt, TimeSpan.Zero) + KeepFor),
            },
            ConditionExpression = "attribute_not_exists(PK)",
        },
    };
}
