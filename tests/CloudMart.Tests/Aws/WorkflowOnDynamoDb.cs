using Microsoft.Extensions.DependencyInjection;
using CloudMart.Platform.Aws.Streams;
using CloudMart.Tests.Pipeline;
using Microsoft.AspNetCore.Hosting;

namespace CloudMart.Tests.Aws;

/// <summary>The shop on DynamoDB with the workflow on: the stream poller hands the table's stream to the handlers.</summary>
public class DynamoPipelineShop : DynamoShop
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = PipelineSettings.With(base.Settings);
            settings["CloudMart:DynamoDb:Streams:PollInterval"] = "00:00:00.100";
            settings["CloudMart:DynamoDb:Streams:ShardRefresh"] = "00:00:02";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PipelineSettings.UseSwitchableGateway(builder);
    }
}

/// <summary>
/// The order workflow's specifications (payment, e-mails, low stock, dead letters and replay, redelivery) with
/// Ordering and Inventory on DynamoDB, driven by the table's stream instead of the relational outbox.
/// </summary>
public sealed class OrderWorkflowOnDynamoDb(DynamoPipelineShop shop) : OrderWorkflow(shop), IClassFixture<DynamoPipelineShop>
{
    /// <summary>Every stream record about the order handed to the handlers again, as after a crash before the checkpoint.</summary>
    protected override async Task RedeliverAsync(Guid orderId)
    {
        var records = await StreamRecords.AboutAsync(shop.Services, orderId);
        Assert.NotEmpty(records);
        Assert.Empty(await shop.Services.GetRequiredService<StreamBatchHandler>().HandleAsync(records, CancellationToken.None));
    }

    protected override Task AssertDeliveredAsync(Guid orderId) => Task.CompletedTask; // the stream has no rows to mark
}
