using System.Collections.Concurrent;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Ordering.AuthorisePayment;

/// <summary>
/// The order workflow's first step: OrderPlaced (or OrderPaymentRetried, when the customer pays a declined order
/// again) → authorise the payment → Confirmed, or PaymentFailed with the reserved stock released. The gateway is
/// asked before the store's write (the order id and attempt make a repeated call harmless); the write itself is the
/// store's (<see cref="IOrderPayments"/>), exactly once. An event for an earlier attempt than the order's own is stale
/// and changes nothing. A batch of orders asks the gateway for all of them at once and, where the store can, settles
/// them in one commit.
/// </summary>
internal sealed partial class AuthorisePaymentHandler(IOrderPayments orders, IPaymentGateway payments, ILogger<AuthorisePaymentHandler> logger)
    : IBatchEventHandler<OrderPlaced>, IEventHandler<OrderPaymentRetried>
{
    /// <summary>The attempt an OrderPlaced event asks for: the first.</summary>
    public const int FirstAttempt = 1;

    /// <summary>Gateway calls in flight at once for a batch: a real gateway answers in tens of milliseconds each.</summary>
    private const int ConcurrentGatewayCalls = 16;

    public Task HandleAsync(OrderPlaced placed, HandlerContext context, CancellationToken cancellationToken) =>
        HandleOneAsync(placed.OrderId, FirstAttempt, context, cancellationToken);

    public Task HandleAsync(OrderPaymentRetried retried, HandlerContext context, CancellationToken cancellationToken) =>
        HandleOneAsync(retried.OrderId, retried.Attempt, context, cancellationToken);

    private async Task HandleOneAsync(Guid orderId, int attempt, HandlerContext context, CancellationToken cancellationToken)
    {
        var order = (await orders.UnpaidAsync([orderId], cancellationToken)).SingleOrDefault(o => o.Attempt == attempt);
        if (order is null)
        {
            return; // cancelled before payment, settled by an earlier delivery, or an older attempt than the order's
        }
        var outcome = await AuthoriseAsync(order, cancellationToken);
        await orders.SettleAsync(orderId, attempt, outcome, context, cancellationToken);
    }

    public async Task HandleBatchAsync(IReadOnlyList<OrderPlaced> events, BatchContext context, CancellationToken cancellationToken)
    {
        if (!orders.SettlesInBatches)
        {
            return; // every event goes the one-at-a-time way
        }
        var unpaid = (await orders.UnpaidAsync([.. events.Select(e => e.OrderId)], cancellationToken)).Where(o => o.Attempt == FirstAttempt).ToList();
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
        await orders.SettleManyAsync(events, outcomes, context, cancellationToken);
    }

    private Task<PaymentOutcome> AuthoriseAsync(UnpaidOrder order, CancellationToken cancellationToken) =>
        payments.AuthoriseAsync(new PaymentRequest(order.Id, order.Total, order.Currency, order.PaymentToken, order.Attempt), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The payment gateway failed for order {OrderId} in a batch; it is handled on its own")]
    private partial void LogGatewayFailedInBatch(Exception exception, Guid orderId);
}
