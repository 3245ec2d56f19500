using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>A shard this process may read: where it stopped last time (null: from the oldest record).</summary>
internal sealed record ShardLease(string ShardId, string? Checkpoint);

/// <summary>
/// Who reads which shard, and how far it has read, kept in the table itself (<c>SHARD#{shardId} / LEASE</c>): one
/// reader per shard across every replica, taken over when its lease runs out (a crashed pod), and a checkpoint per
/// shard so a restart goes on after the last record handled. Every write is conditioned on still owning the lease,
/// so a reader that lost it (paused too long) cannot move a checkpoint another reader now owns.
/// </summary>
internal sealed class ShardLeases(DynamoTable table, TimeProvider clock, string owner, TimeSpan duration)
{
    /// <summary>Leases outlive the stream's 24-hour retention, then expire.</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(3);

    public string Owner => owner;

    private static Dictionary<string, AttributeValue> Key(string shardId) => new()
    {
        ["PK"] = Attr.S($"SHARD#{shardId}"),
        ["SK"] = Attr.S("LEASE"),
    };

    /// <returns>The lease, or null when another reader holds it or the shard is finished.</returns>
    public async Task<ShardLease?> TryTakeAsync(string streamArn, string shardId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            var taken = await table.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = Key(shardId),
                UpdateExpression = "SET Kind = :kind, StreamArn = :arn, #owner = :me, LeaseUntil = :until, ExpiresAt = :expires",
                ConditionExpression = "(attribute_not_exists(PK) OR #owner = :me OR LeaseUntil < :now) AND attribute_not_exists(Finished)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#owner"] = "Owner" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":kind"] = Attr.S("ShardLease"),
                    [":arn"] = Attr.S(streamArn),
                    [":me"] = Attr.S(owner),
                    [":until"] = Attr.N((now + duration).ToUnixTimeMilliseconds()),
                    [":now"] = Attr.N(now.ToUnixTimeMilliseconds()),
                    [":expires"] = Attr.Epoch(now + KeepFor),
                },
                ReturnValues = ReturnValue.ALL_NEW,
            }, cancellationToken);
            return new ShardLease(shardId, taken.Attributes.OptionalStr("Checkpoint"));
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>Records how far the shard has been handled and extends the lease.</summary>
    /// <returns>False when the lease was lost: stop reading the shard.</returns>
    public Task<bool> CheckpointAsync(string shardId, string? sequenceNumber, CancellationToken cancellationToken) =>
        UpdateOwnedAsync(shardId, sequenceNumber is null ? "SET LeaseUntil = :until" : "SET LeaseUntil = :until, Checkpoint = :seq",
            sequenceNumber is null ? [] : new Dictionary<string, AttributeValue> { [":seq"] = Attr.S(sequenceNumber) }, cancellationToken);

    /// <summary>The shard is closed and read to its end: its children may start, and nobody reads it again.</summary>
    public Task<bool> FinishAsync(string shardId, CancellationToken cancellationToken) =>
        UpdateOwnedAsync(shardId, "SET LeaseUntil = :until, Finished = :true", new Dictionary<string, AttributeValue> { [":true"] = new() { BOOL = true } }, cancellationToken);

    /// <summary>Lets the shard go at shutdown, so another replica takes it at once instead of after the lease.</summary>
    public async Task ReleaseAsync(string shardId, CancellationToken cancellationToken)
    {
        try
        {
            await table.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = Key(shardId),
                UpdateExpression = "SET LeaseUntil = :zero",
                ConditionExpression = "#owner = :me",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#owner"] = "Owner" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":zero"] = Attr.N(0), [":me"] = Attr.S(owner) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // someone else has it already
        }
    }

    /// <summary>The shards already read to their end, so their children may be read.</summary>
    public async Task<bool> IsFinishedAsync(string shardId, CancellationToken cancellationToken)
    {
        var item = await table.Client.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(shardId), ConsistentRead = true }, cancellationToken);
        return item.IsItemSet && item.Item.TryGetValue("Finished", out var finished) && finished.BOOL == true;
    }

    private async Task<bool> UpdateOwnedAsync(string shardId, string update, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        values[":until"] = Attr.N((now + duration).ToUnixTimeMilliseconds());
        values[":me"] = Attr.S(owner);
        try
        {
            await table.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = Key(shardId),
                UpdateExpression = update,
                ConditionExpression = "#owner = :me",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#owner"] = "Owner" },
                ExpressionAttributeValues = values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
