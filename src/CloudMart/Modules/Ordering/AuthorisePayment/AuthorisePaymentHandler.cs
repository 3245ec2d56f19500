using System.Collections.Concurrent;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.AuthorisePayment;

/// <summary>
/// The order workflow's first step: OrderPlaced (or OrderPaymentRetried, when the customer pays a declined order
/// again) → authorise the payment → Confirmed, or PaymentFailed with the reserved stock released. The gateway is
/// asked before the transaction (the order id and attempt make a repeated call harmless); the status change, the
/// stock release and the next event are one commit with the inbox record. An event for an earlier attempt than the
/// order's own is stale and changes nothing. A batch of orders asks the gateway for all of them at once and settles
/// them in one commit.
/// </summary>
internal sealed partial class AuthorisePaymentHandler(
    OrderingDbContext db, IPaymentGateway payments, IInventory inventory, Outbox outbox, TimeProvider clock, ILogger<AuthorisePaymentHandler> logger)
    : IBatchEventHandler<OrderPlaced>, IEventHandler<OrderPaymentRetried>
{
    /// <summary>Gateway calls in flight at once for a batch: a real gateway answers in tens of milliseconds each.</summary>
    private const int ConcurrentGatewayCalls = 16;

    /// <summary>The attempt an OrderPlaced event asks for: the first.</summary>
    private const int FirstAttempt = 1;

    private sealed record Unpaid(Guid Id, decimal Total, string Currency, string PaymentToken, int Attempt);

    public Task HandleAsync(OrderPlaced placed, HandlerContext context, CancellationToken cancellationToken) =>
        HandleOneAsync(placed.OrderId, FirstAttempt, context, cancellationToken);

    public Task HandleAsync(OrderPaymentRetried retried, HandlerContext context, CancellationToken cancellationToken) =>
        HandleOneAsync(retried.OrderId, retried.Attempt, context, cancellationToken);

    private async Task HandleOneAsync(Guid orderId, int attempt, HandlerContext context, CancellationToken cancellationToken)
    {
        var order = (await UnpaidAsync([orderId], cancellationToken)).SingleOrDefault(o => o.Attempt == attempt);
        if (order is null)
        {
            return; // cancelled before payment, settled by an earlier delivery, or an older attempt than the order's
        }
        var outcome = await AuthoriseAsync(order, cancellationToken);
        await context.CommitAsync(async ct =>
        {
            // The history is only appended to and the lines only needed when stock goes back: load neither up front.
            var current = await db.Orders.IgnoreAutoIncludes().FirstAsync(o => o.Id == orderId, ct);
            await SettleAsync(current, attempt, outcome, ct);
        }, cancellationToken);
    }

    public async Task HandleBatchAsync(IReadOnlyList<OrderPlaced> events, BatchContext context, CancellationToken cancellationToken)
    {
        var unpaid = (await UnpaidAsync([.. events.Select(e => e.OrderId)], cancellationToken)).Where(o => o.Attempt == FirstAttempt).ToList();
        var ids = unpaid.Select(o => o.Id).ToHashSet();
        context.Done(events.Where(e => !ids.Contains(e.OrderId)));
        var outcomes = new ConcurrentDictionary<Guid, PaymentOutcome>();
        await Parallel.ForEachAsync(unpaid, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentGatewayCalls, CancellationToken = cancellationToken },
            async (order, ct) =>
            {
                try
                {
                    outcomes[order.Id] = await AuthoriseAsync(order, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    LogGatewayFailedInBatch(e, order.Id); // left out of the batch: handled alone, with retries
                }
            });
        await context.CommitAsync([.. events.Where(e => outcomes.ContainsKey(e.OrderId))], async (fresh, ct) =>
        {
            var freshIds = fresh.Select(e => e.OrderId).ToList();
            foreach (var current in await db.Orders.IgnoreAutoIncludes().Where(o => freshIds.Contains(o.Id)).ToListAsync(ct))
            {
                await SettleAsync(current, FirstAttempt, outcomes[current.Id], ct);
            }
        }, cancellationToken);
    }

    private async Task<List<Unpaid>> UnpaidAsync(IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken) =>
        await db.Orders.AsNoTracking().IgnoreAutoIncludes().Where(o => orderIds.Contains(o.Id) && o.Status == OrderStatus.Placed)
            .Select(o => new Unpaid(o.Id, o.Total, o.Currency, o.PaymentToken, o.PaymentAttempt)).ToListAsync(cancellationToken);

    private Task<PaymentOutcome> AuthoriseAsync(Unpaid order, CancellationToken cancellationToken) =>
        payments.AuthoriseAsync(new PaymentRequest(order.Id, order.Total, order.Currency, order.PaymentToken, order.Attempt), cancellationToken);

    /// <summary>Confirms the order, or fails it and releases its stock; a no-op if it has moved on (cancelled meanwhile, or another attempt).</summary>
    private async Task SettleAsync(Order current, int attempt, PaymentOutcome outcome, CancellationToken cancellationToken)
    {
        if (current.PaymentAttempt != attempt)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (outcome.Authorised)
        {
            if (current.ConfirmPayment(now) is null)
            {
                outbox.Append(new OrderConfirmed(Guid.CreateVersion7(), now, current.Id, current.Number, current.CustomerId, current.Total, current.Currency));
                LogConfirmed(current.Number);
            }
            return;
        }
        if (current.FailPayment(outcome.DeclineReason ?? "Payment declined", now) is null)
        {
            await db.Entry(current).Collection(o => o.Lines).LoadAsync(cancellationToken);
            await inventory.ReleaseAsync(current.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList(), cancellationToken);
            outbox.Append(new OrderPaymentFailed(Guid.CreateVersion7(), now, current.Id, current.Number, current.CustomerId, outcome.DeclineReason ?? "Payment declined"));
            LogDeclined(current.Number);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} confirmed: payment authorised")]
    private partial void LogConfirmed(string orderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} payment failed; its stock was released")]
    private partial void LogDeclined(string orderNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The payment gateway failed for order {OrderId} in a batch; it is handled on its own")]
    private partial void LogGatewayFailedInBatch(Exception exception, Guid orderId);
}
