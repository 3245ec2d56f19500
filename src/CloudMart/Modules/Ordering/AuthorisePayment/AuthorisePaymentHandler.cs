using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.AuthorisePayment;

/// <summary>
/// The order workflow's first step: OrderPlaced → authorise the payment → Confirmed, or PaymentFailed with the
/// reserved stock released. The gateway is asked before the transaction (the order id makes a repeated call
/// harmless); the status change, the stock release and the next event are one commit with the inbox record.
/// </summary>
internal sealed partial class AuthorisePaymentHandler(
    OrderingDbContext db, IPaymentGateway payments, IInventory inventory, Outbox outbox, TimeProvider clock, ILogger<AuthorisePaymentHandler> logger)
    : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced placed, HandlerContext context, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().IgnoreAutoIncludes().Where(o => o.Id == placed.OrderId)
            .Select(o => new { o.Id, o.Status, o.Total, o.Currency, o.PaymentToken }).FirstOrDefaultAsync(cancellationToken);
        if (order is null || order.Status != OrderStatus.Placed)
        {
            return; // cancelled before payment, or settled by an earlier delivery
        }
        var outcome = await payments.AuthoriseAsync(new PaymentRequest(order.Id, order.Total, order.Currency, order.PaymentToken), cancellationToken);
        await context.CommitAsync(async ct =>
        {
            // The history is only appended to and the lines only needed when stock goes back: load neither up front.
            var current = await db.Orders.IgnoreAutoIncludes().FirstAsync(o => o.Id == placed.OrderId, ct);
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
                await db.Entry(current).Collection(o => o.Lines).LoadAsync(ct);
                await inventory.ReleaseAsync(current.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList(), ct);
                outbox.Append(new OrderPaymentFailed(Guid.CreateVersion7(), now, current.Id, current.Number, current.CustomerId, outcome.DeclineReason ?? "Payment declined"));
                LogDeclined(current.Number);
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} confirmed: payment authorised")]
    private partial void LogConfirmed(string orderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} payment failed; its stock was released")]
    private partial void LogDeclined(string orderNumber);
}
