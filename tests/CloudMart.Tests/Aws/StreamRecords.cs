using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Aws.Streams;

namespace CloudMart.Tests.Aws;

/// <summary>Reads a test table's stream from its oldest record, as the poller and Lambda see it.</summary>
internal static class StreamRecords
{
    public static async Task<IReadOnlyList<JsonElement>> AllAsync(IServiceProvider services)
    {
        var table = services.GetRequiredService<DynamoTable>();
        var streams = services.GetRequiredService<DynamoStreamsClient>();
        var arn = (await table.Client.DescribeTableAsync(new DescribeTableRequest { TableName = table.Name })).Table.LatestStreamArn;
        var records = new List<JsonElement>();
        foreach (var shard in await streams.ShardsAsync(arn, CancellationToken.None))
        {
            var iterator = await streams.IteratorAsync(arn, shard.ShardId, null, CancellationToken.None);
            while (iterator is not null)
            {
                var page = await streams.RecordsAsync(iterator, 1000, CancellationToken.None);
                records.AddRange(page.Records);
                iterator = page.Records.Count == 0 ? null : page.NextIterator;
            }
        }
        return records;
    }

    /// <summary>The records that mention any of <paramref name="ids"/> (an order, its product's stock), oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AboutAsync(IServiceProvider services, params Guid[] ids) =>
        [.. (await AllAsync(services)).Where(r => ids.Any(id => r.GetRawText().Contains(id.ToString(), StringComparison.Ordinal)))];
}
