using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.AuthorisePayment;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// The payment step on DynamoDB: a placed order becomes Confirmed (OrderConfirmed), or PaymentFailed with its stock
/// released (OrderPaymentFailed), in one TransactWriteItems conditioned on the version read — and, when an event
/// drives it, on the handler's inbox item for that event not existing yet (the DynamoDB inbox: written in the same
/// transaction, so a redelivered stream record finds it and changes nothing). An order that has moved on (cancelled
/// meanwhile, another attempt, or settled by an earlier delivery) is left alone.
/// </summary>
internal sealed partial class DynamoPaymentSettlement(
    DynamoTable table, DynamoOrders orders, IStockTransactionParts stock, TimeProvider clock, ILogger<DynamoPaymentSettlement> logger) : IOrderPayments
{
    private const int MaxAttempts = 5;

    /// <summary>Inbox items outlive the stream's 24 hours and Lambda's retries, then expire.</summary>
    private static readonly TimeSpan InboxKeptFor = TimeSpan.FromDays(14);

    public bool SettlesInBatches => false;

    public async Task<IReadOnlyList<UnpaidOrder>> UnpaidAsync(IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken)
    {
        var unpaid = new List<UnpaidOrder>();
        foreach (var id in orderIds)
        {
            if (await orders.FindAsync(id, cancellationToken) is { Status: OrderStatus.Placed } order)
            {
                unpaid.Add(new UnpaidOrder(order.Id, order.Total, order.Currency, order.PaymentToken, order.PaymentAttempt));
            }
        }
        return unpaid;
    }

    public Task SettleAsync(Guid orderId, int attempt, PaymentOutcome outcome, HandlerContext context, CancellationToken cancellationToken) =>
        SettleAsync(orderId, attempt, outcome, (context.EventId, context.Handler), cancellationToken);

    public Task SettleManyAsync(IReadOnlyList<OrderPlaced> events, IReadOnlyDictionary<Guid, PaymentOutcome> outcomes, BatchContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("DynamoDB settles one order per transaction: the handler takes its events one at a time.");

    /// <summary>Settles whatever attempt the order is on, outside any event (tests and benchmarks stepping through the workflow).</summary>
    /// <returns>False when the order was not awaiting payment (nothing written).</returns>
    public Task<bool> SettleAsync(Guid orderId, PaymentOutcome outcome, CancellationToken cancellationToken) =>
        SettleAsync(orderId, attempt: null, outcome, inbox: null, cancellationToken);

    private async Task<bool> SettleAsync(Guid orderId, int? attempt, PaymentOutcome outcome, (Guid EventId, string Handler)? inbox, CancellationToken cancellationToken)
    {
        for (var tries = 1; tries <= MaxAttempts; tries++)
        {
            var order = await orders.FindAsync(orderId, cancellationToken);
            if (order is null || order.Status != OrderStatus.Placed || (attempt is { } a && order.PaymentAttempt != a))
            {
                return false;
            }
            var readVersion = order.Version;
            var now = clock.GetUtcNow().UtcDateTime;
            var items = new List<TransactWriteItem>();
            if (outcome.Authorised)
            {
                order.ConfirmPayment(now);
                items.Add(DynamoEvents.Put(table.Name, new OrderConfirmed(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId, order.Total, order.Currency)));
            }
            else
            {
                var reason = outcome.DeclineReason ?? "Payment declined";
                order.FailPayment(reason, now);
                items.AddRange(stock.Release(order.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList(), now));
                items.Add(DynamoEvents.Put(table.Name, new OrderPaymentFailed(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId, reason)));
            }
            items.AddRange(DynamoSalesFigures.Moved(table.Name, order, OrderStatus.Placed)); // awaiting shipment, or the revenue off
            // The order goes first and the inbox item second: a failed condition on item 1 means "settled before".
            items.InsertRange(0, inbox is { } record
                ? [DynamoOrderItems.PutIfUnchanged(table.Name, order, readVersion), InboxItem(record.EventId, record.Handler, now)]
                : [DynamoOrderItems.PutIfUnchanged(table.Name, order, readVersion)]);
            var result = await DynamoTransactions.TryWriteAsync(table, items, cancellationToken);
            if (result.Committed)
            {
                if (outcome.Authorised)
                {
                    LogConfirmed(order.Number);
                }
                else
                {
                    await stock.CommittedAsync(order.Lines.Select(l => l.ProductId).ToList(), cancellationToken);
                    LogDeclined(order.Number);
                }
                return true;
            }
            if (inbox is not null && result.FailedConditions.Contains(1))
            {
                return false; // an earlier delivery of this event settled it
            }
        }
        throw new InvalidOperationException($"Order {orderId} kept changing while its payment was settled.");
    }

    /// <summary>The DynamoDB inbox: that this handler has processed this event, put only if it is not there yet.</summary>
    private TransactWriteItem InboxItem(Guid eventId, string handler, DateTime now) => new()
    {
        Put = new Put
        {
            TableName = table.Name,
            Item = new Dictionary<string, AttributeValue>
            {
                ["PK"] = Attr.S($"INBOX#{eventId}"),
                ["SK"] = Attr.S(handler),
                ["Kind"] = Attr.S("Inbox"),
                ["ProcessedAt"] = Attr.Time(now),
                ["ExpiresAt"] = Attr.Epoch(new DateTimeOffset(now, TimeSpan.Zero) + InboxKeptFor),
            },
            ConditionExpression = "attribute_not_exists(PK)",
        },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} confirmed: payment authorised")]
    private partial void LogConfirmed(string orderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} payment failed; its stock was released")]
    private partial void LogDeclined(string orderNumber);
}
