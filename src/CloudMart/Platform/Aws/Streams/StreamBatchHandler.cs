using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>
/// What the table's stream means to the shop, for the stream poller and the Lambda function alike: each event item
/// written (the outbox on DynamoDB, see <see cref="DynamoEvents"/>) and each event derived from a change
/// (<see cref="IStreamEventSource"/>) goes to the same handlers as the relational outbox's, through the same
/// dispatcher and inbox, so a redelivered record changes nothing twice. One stream's events (one order's) are
/// handled in their order: a wave takes the next event of every stream. A failed event is counted on its item; it
/// is answered as failed (retried from there) until the relay's last attempt, then its failing handlers go to the
/// dead letters and the shard moves on. A record that cannot be read goes to the dead letters at once, with its
/// sequence number, and never blocks its shard.
/// </summary>
internal sealed partial class StreamBatchHandler(
    EventDispatcher dispatcher, IEnumerable<IStreamEventSource> sources, DynamoTable table, IOptions<RelayOptions> relay,
    TimeProvider clock, ILogger<StreamBatchHandler> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What the stream path names unreadable records by in the dead letters.</summary>
    public const string UnreadableRecord = "dynamodb-stream.unreadable-record";

    private sealed record Pending(string SequenceNumber, OutboxMessage Message);

    /// <returns>The sequence numbers of the records to deliver again (Lambda's batchItemFailures), in stream order.</returns>
    public async Task<IReadOnlyList<string>> HandleAsync(IReadOnlyList<JsonElement> records, CancellationToken cancellationToken)
    {
        var pending = new List<Pending>();
        foreach (var raw in records)
        {
            try
            {
                var record = StreamRecordJson.Parse(raw);
                pending.AddRange(EventsOf(record).Select(m => new Pending(record.SequenceNumber, m)).ToList());
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
            {
                await DeadLetterUnreadableAsync(raw, e, cancellationToken);
            }
        }
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var streams = pending.GroupBy(p => p.Message.StreamId).Select(g => new Queue<Pending>(g)).ToList();
        while (streams.Any(s => s.Count > 0))
        {
            var wave = streams.Where(s => s.Count > 0).Select(s => s.Dequeue()).ToList();
            foreach (var later in wave.Where(p => blocked.Contains(p.Message.StreamId)))
            {
                failed.Add(later.SequenceNumber); // an earlier event of its stream failed: keep the order, deliver it again after
            }
            var ready = wave.Where(p => !blocked.Contains(p.Message.StreamId)).ToList();
            if (ready.Count == 0)
            {
                continue;
            }
            var deliveries = await dispatcher.DeliverAsync([.. ready.Select(p => p.Message)], cancellationToken);
            await dispatcher.RecordHandledAsync(deliveries, cancellationToken);
            dispatcher.Count(deliveries);
            foreach (var (delivery, item) in deliveries.Zip(ready))
            {
                if (!delivery.Succeeded && !await GiveUpAsync(delivery, cancellationToken))
                {
                    failed.Add(item.SequenceNumber);
                    blocked.Add(item.Message.StreamId);
                }
            }
        }
        return [.. records.Select(StreamRecordJson.SequenceNumberOf).Where(s => s is not null && failed.Contains(s)).Select(s => s!).Distinct()];
    }

    private IEnumerable<OutboxMessage> EventsOf(StreamRecord record)
    {
        if (record.IsInsert && record.Kind == "Event" && record.NewImage is { } item)
        {
            var payload = item.Str("Payload");
            using (JsonDocument.Parse(payload))
            {
                // a payload that is not JSON is unreadable here and now, not after every retry
            }
            yield return new OutboxMessage
            {
                EventId = item.Guid("EventId"), Type = item.Str("Type"), StreamId = item.Str("StreamId"), Payload = payload, OccurredAt = item.Time("OccurredAt"),
            };
        }
        foreach (var source in sources)
        {
            foreach (var derived in source.EventsOf(record))
            {
                yield return new OutboxMessage
                {
                    EventId = derived.EventId, Type = derived.GetType().Name, StreamId = derived.StreamId,
                    Payload = JsonSerializer.Serialize(derived, derived.GetType(), Json), OccurredAt = derived.OccurredAt,
                };
            }
        }
    }

    /// <summary>Counts the failed delivery on the event's item; after the last attempt, dead-letters its failing handlers.</summary>
    /// <returns>True when the event is done with (dead-lettered), false when it is to be delivered again.</returns>
    private async Task<bool> GiveUpAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var error = string.Join(" | ", delivery.Failures.Select(f => $"{f.Handler}: {f.Error}"));
        var counted = await table.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table.Name,
            Key = new Dictionary<string, AttributeValue> { ["PK"] = Attr.S(DynamoEvents.Key(delivery.Message.EventId)), ["SK"] = Attr.S("EVENT") },
            UpdateExpression = "ADD Attempts :one SET LastError = :error, ExpiresAt = if_not_exists(ExpiresAt, :expires)",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":one"] = Attr.N(1),
                [":error"] = Attr.S(error.Length <= 2000 ? error : error[..2000]),
                [":expires"] = Attr.Epoch(clock.GetUtcNow() + DynamoEvents.KeepFor),
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, cancellationToken);
        var attempts = counted.Attributes.Int("Attempts");
        if (attempts < relay.Value.MaxAttempts)
        {
            LogWillRetry(delivery.Message.Type, delivery.Message.EventId, attempts);
            return false;
        }
        await dispatcher.DeadLetterAsync(delivery, attempts, cancellationToken);
        return true;
    }

    private async Task DeadLetterUnreadableAsync(JsonElement raw, Exception e, CancellationToken cancellationToken)
    {
        var sequence = StreamRecordJson.SequenceNumberOf(raw) ?? "(none)";
        var error = $"Stream record {sequence} could not be read: {e.GetType().Name}: {e.Message}";
        var text = raw.GetRawText();
        var message = new OutboxMessage
        {
            EventId = StreamEventIds.For(sequence, UnreadableRecord), Type = "DynamoDbStreamRecord", StreamId = $"stream-record:{sequence}",
            Payload = text.Length <= 100_000 ? text : text[..100_000], OccurredAt = clock.GetUtcNow().UtcDateTime,
        };
        var delivery = new Delivery(message, null, error);
        delivery.Failures.Add((UnreadableRecord, error.Length <= 500 ? error : error[..500]));
        await dispatcher.DeadLetterAsync(delivery, 1, cancellationToken);
        LogUnreadable(sequence);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Type} {EventId} failed on attempt {Attempts}; its record will be delivered again")]
    private partial void LogWillRetry(string type, Guid eventId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream record {SequenceNumber} could not be read: moved to the dead letters")]
    private partial void LogUnreadable(string sequenceNumber);
}
