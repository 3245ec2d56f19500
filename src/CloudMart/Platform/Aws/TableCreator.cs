using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws;

/// <summary>
/// Creates the table from its definition and waits until it and its indexes are ACTIVE, then turns on time to live
/// and point-in-time recovery. For development, tests and emulators; in the cloud Terraform creates the same table.
/// </summary>
internal sealed class TableCreator(IAmazonDynamoDB client, TimeProvider clock)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <returns>False when the table already existed (nothing is changed then).</returns>
    public async Task<bool> CreateAsync(string tableName, TableDefinition definition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var created = true;
        try
        {
            await client.CreateTableAsync(definition.ToCreateTableRequest(tableName), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            created = false;
        }
        await WaitUntilActiveAsync(tableName, timeout, cancellationToken);
        if (created)
        {
            await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = definition.TtlAttribute, Enabled = true },
            }, cancellationToken);
            if (definition.PointInTimeRecovery)
            {
                await client.UpdateContinuousBackupsAsync(new UpdateContinuousBackupsRequest
                {
                    TableName = tableName,
                    PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = true },
                }, cancellationToken);
            }
        }
        return created;
    }

    private async Task WaitUntilActiveAsync(string tableName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var table = (await client.DescribeTableAsync(tableName, cancellationToken)).Table;
            if (table.TableStatus == TableStatus.ACTIVE
                && (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
            {
                return;
            }
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Table {tableName} is still {table.TableStatus} after {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
        }
    }
}
