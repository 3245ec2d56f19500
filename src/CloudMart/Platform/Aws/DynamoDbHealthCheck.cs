using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudMart.Platform.Aws;

/// <summary>/health/ready: with a DynamoDB table configured, it must be reachable and ACTIVE; the reason says why not.</summary>
internal sealed class DynamoDbHealthCheck(DynamoDbOptions options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Enabled)
        {
            return HealthCheckResult.Healthy("No DynamoDB table is configured.");
        }
        try
        {
            var table = (await services.GetRequiredService<IAmazonDynamoDB>().DescribeTableAsync(options.TableName, cancellationToken)).Table;
            return table.TableStatus == TableStatus.ACTIVE
                ? HealthCheckResult.Healthy($"DynamoDB table {options.TableName} is ACTIVE.")
                : HealthCheckResult.Unhealthy($"DynamoDB table {options.TableName} is {table.TableStatus}.");
        }
        catch (ResourceNotFoundException)
        {
            return HealthCheckResult.Unhealthy($"DynamoDB table {options.TableName} does not exist: run 'cloudmart dynamodb create-table' or apply the Terraform.");
        }
        catch (Exception e) when (e is AmazonDynamoDBException or Amazon.Runtime.AmazonClientException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"DynamoDB table {options.TableName} cannot be reached: {e.GetType().Name}.");
        }
    }
}
