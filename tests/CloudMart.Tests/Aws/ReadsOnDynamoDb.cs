using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Ordering;
using CloudMart.Modules.Ordering.Data.DynamoDb;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Aws;
using CloudMart.Tests.Assistant;
using CloudMart.Tests.Notifications;
using CloudMart.Tests.Ordering;
using CloudMart.Tests.Pipeline;
using CloudMart.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudMart.Tests.Aws;

// The specifications of everything that reads or moves orders and stock outside the conformance suite — order
// e-mails, the assistant's orders, paying again, putting back in the cart, the dashboard's figures, the account,
// confirmation and back-office pages — run with Ordering, Inventory and Cart on DynamoDB.

public sealed class OrderEmailLookupOnDynamoDb(DynamoShop shop) : OrderEmailLookup(shop), IClassFixture<DynamoShop>;

public sealed class TalkingToTheAssistantOnDynamoDb(DynamoShop shop) : TalkingToTheAssistant(shop), IClassFixture<DynamoShop>;

public sealed class OrderAndStockPagesOnDynamoDb(DynamoShop shop) : OrderAndStockPages(shop), IClassFixture<DynamoShop>;

// The figures a payment's outcome moves (awaiting shipment, a declined order's revenue) are written by the payment
// settlement's own transaction, which is being moved to DynamoDB separately: SalesFiguresAfterPayment joins here then.
public sealed class SalesFiguresOnDynamoDb(DynamoShop shop) : SalesFigures(shop), IClassFixture<DynamoShop>;

public sealed class PayingAgainOnDynamoDb(DynamoPipelineShop shop) : PayingAgain(shop), IClassFixture<DynamoPipelineShop>;

public sealed class OrderPagesAfterPaymentOnDynamoDb(DynamoPipelineShop shop) : OrderPagesAfterPayment(shop), IClassFixture<DynamoPipelineShop>;

/// <summary>
/// The DynamoDB shop with a payment workflow, for the specifications that wait for one: until the table's stream
/// drives the handlers, <see cref="PaymentStandIn"/> settles each order whose OrderPlaced or OrderPaymentRetried event
/// item appears, through the real gateway (switchable, as in the other pipeline shops) and the real DynamoDB settlement.
/// </summary>
public sealed class DynamoPipelineShop : DynamoShop
{
    protected override IDictionary<string, string?> Settings => PipelineSettings.With(base.Settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PipelineSettings.UseSwitchableGateway(builder);
        builder.ConfigureTestServices(services => services.AddHostedService<PaymentStandIn>());
    }
}

/// <summary>
/// Test-only: finds the table's new payment events by a filtered Scan (a test table holds a few hundred items) and
/// settles their orders as the payment handler does. A gateway that is down leaves the event for the next round.
/// </summary>
internal sealed class PaymentStandIn(IServiceScopeFactory scopes, DynamoTable table) : BackgroundService
{
    private readonly HashSet<string> _settled = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(150));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SettleNewAsync(stoppingToken);
            }
            catch (Exception e) when (e is AmazonDynamoDBException or PaymentUnavailableException or InvalidOperationException)
            {
                // the table is not there yet or any more, or the gateway is down: try again next round
            }
        }
    }

    private async Task SettleNewAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await table.Client.ScanAsync(new ScanRequest
            {
                TableName = table.Name,
                FilterExpression = "Kind = :event AND (#type = :placed OR #type = :retried)",
                ExpressionAttributeNames = new() { ["#type"] = "Type" },
                ExpressionAttributeValues = new()
                {
                    [":event"] = Attr.S("Event"), [":placed"] = Attr.S("OrderPlaced"), [":retried"] = Attr.S("OrderPaymentRetried"),
                },
                ExclusiveStartKey = start,
            }, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                var eventId = item.Str("EventId");
                if (_settled.Contains(eventId))
                {
                    continue;
                }
                using var payload = JsonDocument.Parse(item.Str("Payload"));
                await SettleAsync(payload.RootElement.GetProperty("orderId").GetGuid(), cancellationToken);
                _settled.Add(eventId);
            }
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }

    private async Task SettleAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var order = await scope.ServiceProvider.GetRequiredService<DynamoOrders>().FindAsync(orderId, cancellationToken);
        if (order is not { Status: OrderStatus.Placed })
        {
            return;
        }
        var outcome = await scope.ServiceProvider.GetRequiredService<IPaymentGateway>().AuthoriseAsync(
            new PaymentRequest(order.Id, order.Total, order.Currency, order.PaymentToken, order.PaymentAttempt), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DynamoPaymentSettlement>().SettleAsync(order.Id, outcome, cancellationToken);
    }
}
