using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.RetryPayment;
using CloudMart.Platform.Aws;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// Pays a declined order again on DynamoDB in ONE TransactWriteItems: the order back to Placed as its next attempt
/// (on condition that its version is the one read), a conditional reserve per line (available ≥ quantity), the
/// OrderPaymentRetried event item, the idempotency record and the day's sales figures. Which condition failed says
/// why it was cancelled: the key (answer with the winner's response), the order (someone moved it: decide again on
/// the fresh order), or stock (409 naming the SKUs, nothing reserved).
/// </summary>
internal sealed partial class DynamoPaymentRetry(
    DynamoTable table,
    DynamoOrders orders,
    ICatalog catalog,
    IStockTransactionParts stock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    ILogger<DynamoPaymentRetry> logger) : IPaymentRetry
{
    private const int MaxAttempts = 3;

    public async Task<IResult> RetryAsync(Guid customerId, Guid orderId, RetryPaymentInput? input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var token = PaymentRetry.Validate(input, idempotencyKey, validation);
        if (token is null || !validation.IsValid)
        {
            return validation.Problem();
        }
        var requestHash = PaymentRetry.Hash(orderId, token);
        for (var attempt = 1; ; attempt++)
        {
            if (idempotencyKey is not null && await FindReplayAsync(customerId, idempotencyKey, requestHash, cancellationToken) is { } earlier)
            {
                return earlier;
            }
            // Only the order's own customer pays for it: to anyone else (staff included) it does not exist here.
            var order = await orders.FindAsync(orderId, cancellationToken);
            if (order is null || order.CustomerId != customerId)
            {
                return OrderAccess.NotFound();
            }
            if (order.CheckCanRetryPayment() is { } notDeclined)
            {
                return OrderAccess.Refused(notDeclined);
            }
            var gone = await PaymentRetry.NoLongerOnSaleAsync(catalog, order, cancellationToken);
            if (gone.Count > 0)
            {
                return PaymentRetry.NoLongerAvailable(order, gone);
            }
            var readVersion = order.Version;
            var readStatus = order.Status;
            var now = clock.GetUtcNow();
            order.RetryPayment(token, now.UtcDateTime);
            var view = OrderView.From(order);
            var body = JsonSerializer.Serialize(view, json.Value.SerializerOptions);
            var lines = order.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList();
            var items = new List<TransactWriteItem>(stock.Reserve(lines, now.UtcDateTime))
            {
                DynamoOrderItems.PutIfUnchanged(table.Name, order, readVersion),
                DynamoEvents.Put(table.Name, new OrderPaymentRetried(Guid.CreateVersion7(now), now.UtcDateTime, order.Id, order.Number, order.CustomerId,
                    order.PaymentAttempt, order.Total, order.Currency)),
            };
            var orderIndex = lines.Count;
            var keyIndex = -1;
            if (idempotencyKey is not null)
            {
                keyIndex = items.Count;
                items.Add(DynamoIdempotencyRecords.Put(table.Name, customerId, idempotencyKey, requestHash, order.Id, StatusCodes.Status200OK, body, now.UtcDateTime));
            }
            items.AddRange(DynamoSalesFigures.Moved(table.Name, order, readStatus));

            var outcome = await DynamoTransactions.TryWriteAsync(table, items, cancellationToken);
            if (outcome.Committed)
            {
                await stock.CommittedAsync(lines.Select(l => l.ProductId).ToList(), cancellationToken);
                LogRetried(order.Number, order.PaymentAttempt);
                return new RetriedPayment(view, body);
            }
            if (outcome.FailedConditions.Contains(keyIndex) || outcome.FailedConditions.Contains(orderIndex))
            {
                if (attempt < MaxAttempts)
                {
                    // Another retry of this order committed first: decide again on the fresh order, which answers with
                    // the winner's response (same key) or says the order is no longer declined.
                    continue;
                }
                return ProblemTypes.ConflictProblem("The order changed while you were paying for it again. Read it again and retry.");
            }
            var shortSkus = outcome.FailedConditions.Where(i => i < lines.Count).Select(i => lines[i].Sku).Distinct().ToList();
            if (shortSkus.Count == 0)
            {
                throw new InvalidOperationException($"Paying order {order.Number} again was refused by an unexpected condition: {string.Join(", ", outcome.FailedConditions)}.");
            }
            return PaymentRetry.NoLongerAvailable(order, shortSkus);
        }
    }

    private Task<IResult?> FindReplayAsync(Guid customerId, string key, string requestHash, CancellationToken cancellationToken) =>
        DynamoIdempotencyRecords.FindReplayAsync(table, customerId, key, requestHash, PaymentRetry.NewRequest, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} is paid again on DynamoDB: payment attempt {Attempt}, its stock reserved again")]
    private partial void LogRetried(string orderNumber, int attempt);
}
