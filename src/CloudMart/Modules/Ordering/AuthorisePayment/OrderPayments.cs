using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.AuthorisePayment;

/// <summary>
/// The payment step on the relational store: the status change, the stock release and the next event are one commit
/// with the handler's inbox record; a batch of orders settles in one commit.
/// </summary>
internal sealed partial class OrderPayments(
    OrderingDbContext db, IInventory inventory, Outbox outbox, TimeProvider clock, ILogger<OrderPayments> logger) : IOrderPayments
{
    public bool SettlesInBatches => true;

    public async Task<IReadOnlyList<UnpaidOrder>> UnpaidAsync(IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken) =>
        await db.Orders.AsNoTracking().IgnoreAutoIncludes().Where(o => orderIds.Contains(o.Id) && o.Status == OrderStatus.Placed)
            .Select(o => new UnpaidOrder(o.Id, o.Total, o.Currency, o.PaymentToken, o.PaymentAttempt)).ToListAsync(cancellationToken);

    public Task SettleAsync(Guid orderId, int attempt, PaymentOutcome outcome, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(async ct =>
        {
            // The history is only appended to and the lines only needed when stock goes back: load neither up front.
            var current = await db.Orders.IgnoreAutoIncludes().FirstAsync(o => o.Id == orderId, ct);
            await SettleAsync(current, attempt, outcome, ct);
        }, cancellationToken);

    public Task SettleManyAsync(IReadOnlyList<OrderPlaced> events, IReadOnlyDictionary<Guid, PaymentOutcome> outcomes, BatchContext context, CancellationToken cancellationToken) =>
        context.CommitAsync([.. events.Where(e => outcomes.ContainsKey(e.OrderId))], async (fresh, ct) =>
        {
            var freshIds = fresh.Select(e => e.OrderId).ToList();
            foreach (var current in await db.Orders.IgnoreAutoIncludes().Where(o => freshIds.Contains(o.Id)).ToListAsync(ct))
            {
                await SettleAsync(current, AuthorisePaymentHandler.FirstAttempt, outcomes[current.Id], ct);
            }
        }, cancellationToken);

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
}
