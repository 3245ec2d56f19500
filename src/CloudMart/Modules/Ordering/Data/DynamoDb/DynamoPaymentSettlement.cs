using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// The payment workflow's write on DynamoDB: a placed order becomes Confirmed (OrderConfirmed), or PaymentFailed with
/// its stock released (OrderPaymentFailed), in one TransactWriteItems conditioned on the version read. An order that
/// has moved on (cancelled meanwhile, or settled by an earlier delivery of the same event) is left alone.
/// </summary>
internal sealed partial class DynamoPaymentSettlement(
    DynamoTable table, DynamoOrders orders, IStockTransactionParts stock, TimeProvider clock, ILogger<DynamoPaymentSettlement> logger)
{
    private const int MaxAttempts = 5;

    /// <returns>False when the order was not awaiting payment (nothing written).</returns>
    public async Task<bool> SettleAsync(Guid orderId, PaymentOutcome outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var order = await orders.FindAsync(orderId, cancellationToken);
            if (order is null || order.Status != OrderStatus.Placed)
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
            var result = await DynamoTransactions.TryWriteAsync(table, [DynamoOrderItems.PutIfUnchanged(table.Name, order, readVersion), .. items], cancellationToken);
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
        }
        throw new InvalidOperationException($"Order {orderId} kept changing while its payment was settled.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} confirmed: payment authorised")]
    private partial void LogConfirmed(string orderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} payment failed; its stock was released")]
    private partial void LogDeclined(string orderNumber);
}
