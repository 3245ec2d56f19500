using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws;

/// <summary>
/// BatchGetItem as DynamoDB allows it: 100 keys a call, strongly consistent, and the keys it leaves unprocessed
/// (throttling) asked for again after a short, growing pause. Items come back in any order.
/// </summary>
internal static class DynamoBatchReads
{
    private const int MaxKeysPerCall = 100;

    public static async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> GetAsync(
        DynamoTable table, IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        foreach (var batch in keys.Chunk(MaxKeysPerCall))
        {
            List<Dictionary<string, AttributeValue>>? pending = [.. batch];
            for (var attempt = 0; pending is { Count: > 0 }; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1_000, 20 << Math.Min(attempt, 6))), cancellationToken);
                }
                var response = await table.Client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new() { [table.Name] = new KeysAndAttributes { Keys = pending, ConsistentRead = true } },
                }, cancellationToken);
                items.AddRange(response.Responses?.GetValueOrDefault(table.Name) ?? []);
                pending = response.UnprocessedKeys?.GetValueOrDefault(table.Name)?.Keys;
            }
        }
        return items;
    }
}
