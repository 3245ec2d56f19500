using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>Reads of Ordering's items: an order by id (strongly consistent), a customer's orders, everyone's by month.</summary>
internal sealed class DynamoOrders(DynamoTable table, TimeProvider clock)
{
    public async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var response = await table.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table.Name, Key = DynamoOrderItems.Key(orderId), ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? DynamoOrderItems.FromItem(item) : null;
    }

    /// <summary>
    /// The orders that exist among <paramref name="orderIds"/>, strongly consistent, in as few BatchGetItem calls as
    /// DynamoDB allows (100 keys each); keys it leaves unprocessed (throttling) are asked for again.
    /// </summary>
    public async Task<IReadOnlyList<Order>> FindManyAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        var found = (await DynamoBatchReads.GetAsync(table, orderIds.Distinct().Select(DynamoOrderItems.Key), cancellationToken))
            .Select(DynamoOrderItems.FromItem).ToDictionary(o => o.Id);
        // In the order asked for, as BatchGetItem answers in any order.
        return orderIds.Distinct().Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>The next order sequence number: an atomic ADD on the counter item (gaps are possible, repeats are not).</summary>
    public async Task<long> NextSequenceAsync(DateTime now, CancellationToken cancellationToken)
    {
        var response = await table.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table.Name,
            Key = DynamoOrderItems.CounterKey,
            UpdateExpression = "ADD #value :one SET FirstMonth = if_not_exists(FirstMonth, :month)",
            ExpressionAttributeNames = new() { ["#value"] = "Value" },
            ExpressionAttributeValues = new() { [":one"] = Attr.N(1), [":month"] = Attr.S(now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)) },
            ReturnValues = Amazon.DynamoDBv2.ReturnValue.UPDATED_NEW,
        }, cancellationToken);
        return response.Attributes.Long("Value");
    }

    /// <summary>
    /// A page of orders, newest first: one customer's through GSI1, or everyone's through GSI2's month partitions
    /// (from this month back to the month of the first order). A status filter is applied by DynamoDB as it reads.
    /// </summary>
    public async Task<(IReadOnlyList<Order> Items, int Total)> PageAsync(Guid? customerId, OrderStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        var partitions = customerId is { } customer
            ? [("GSI1", "GSI1PK", DynamoOrderItems.CustomerKey(customer))]
            : (await MonthsAsync(cancellationToken)).Select(m => ("GSI2", "GSI2PK", m)).ToList();
        var keys = new List<(string Index, string KeyName, string Partition, Dictionary<string, AttributeValue> Key)>();
        foreach (var (index, keyName, partition) in partitions)
        {
            await foreach (var item in QueryAsync(index, keyName, partition, status, "PK, SK", cancellationToken))
            {
                keys.Add((index, keyName, partition, item));
            }
        }
        var page = keys.Skip(skip).Take(take).Select(k => DynamoOrderItems.IdOf(k.Key)).ToList();
        return (await FindManyAsync(page, cancellationToken), keys.Count);
    }

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(
        string index, string keyName, string partition, OrderStatus? status, string projection,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = table.Name,
                IndexName = index,
                KeyConditionExpression = $"{keyName} = :pk",
                ExpressionAttributeValues = new() { [":pk"] = Attr.S(partition) },
                ScanIndexForward = false,
                ProjectionExpression = projection,
                ExclusiveStartKey = start,
            };
            if (status is { } wanted)
            {
                request.FilterExpression = "#status = :status";
                request.ExpressionAttributeNames = new() { ["#status"] = "Status" };
                request.ExpressionAttributeValues[":status"] = Attr.S(wanted.ToString());
            }
            var response = await table.Client.QueryAsync(request, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                yield return item;
            }
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }

    private async Task<IReadOnlyList<string>> MonthsAsync(CancellationToken cancellationToken)
    {
        var counter = await table.Client.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = DynamoOrderItems.CounterKey, ConsistentRead = true }, cancellationToken);
        if (counter.Item is not { Count: > 0 } item || item.OptionalStr("FirstMonth") is not { } first)
        {
            return [];
        }
        var firstMonth = DateTime.ParseExact(first, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var months = new List<string>();
        // A month ahead too: an order placed just now on a clock a little ahead lands there.
        for (var month = new DateTime(clock.GetUtcNow().Year, clock.GetUtcNow().Month, 1).AddMonths(1); month >= firstMonth; month = month.AddMonths(-1))
        {
            months.Add(DynamoOrderItems.MonthKey(month));
        }
        return months;
    }
}
