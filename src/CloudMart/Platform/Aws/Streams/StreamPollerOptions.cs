namespace CloudMart.Platform.Aws.Streams;

/// <summary>
/// <c>CloudMart:DynamoDb:Streams</c>: the stream poller that runs the workflow in the <c>all</c> and <c>worker</c>
/// roles when the table is configured. Turn it off where a Lambda function reads the stream instead.
/// </summary>
internal sealed class StreamPollerOptions
{
    public const string Section = "CloudMart:DynamoDb:Streams";

    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle shard is asked for new records (DynamoDB allows five GetRecords a second per shard).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a replica's claim on a shard holds; a crashed replica's shards are taken over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the list of shards is read again (DynamoDB splits and rolls shards over every few hours).</summary>
    public TimeSpan ShardRefresh { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 100;
}
