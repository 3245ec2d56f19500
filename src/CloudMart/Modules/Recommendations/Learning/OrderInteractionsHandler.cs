using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Recommendations.Data;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Recommendations.Learning;

/// <summary>
/// Keeps the module's own record of purchases from the order events and updates the co-purchase counts as orders
/// settle: a placed order is remembered (the customer has it, so it is never recommended back to them), a paid one
/// joins the counts, a cancelled or failed one leaves them. Effects commit with the inbox record, so a redelivered
/// event changes nothing twice.
/// </summary>
internal sealed partial class OrderInteractionsHandler(
    RecommendationsDbContext db, CoPurchaseLedger ledger, TimeProvider clock, ILogger<OrderInteractionsHandler> logger)
    : IBatchEventHandler<OrderPlaced>, IBatchEventHandler<OrderConfirmed>, IBatchEventHandler<OrderCancelled>, IBatchEventHandler<OrderPaymentFailed>
{
    public Task HandleAsync(OrderPlaced placed, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(ct => RememberAsync([placed], ct), cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderPlaced> events, BatchContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(events, RememberAsync, cancellationToken);

    public Task HandleAsync(OrderConfirmed confirmed, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(ct => SettleAsync(confirmed.OrderId, confirmed.CustomerId, PurchaseState.Counted, ct), cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderConfirmed> events, BatchContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(events, (fresh, ct) => SettleEachAsync(fresh.Select(e => (e.OrderId, e.CustomerId)), PurchaseState.Counted, ct), cancellationToken);

    public Task HandleAsync(OrderCancelled cancelled, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(ct => SettleAsync(cancelled.OrderId, cancelled.CustomerId, PurchaseState.Withdrawn, ct), cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderCancelled> events, BatchContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(events, (fresh, ct) => SettleEachAsync(fresh.Select(e => (e.OrderId, e.CustomerId)), PurchaseState.Withdrawn, ct), cancellationToken);

    public Task HandleAsync(OrderPaymentFailed failed, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(ct => SettleAsync(failed.OrderId, failed.CustomerId, PurchaseState.Withdrawn, ct), cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderPaymentFailed> events, BatchContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(events, (fresh, ct) => SettleEachAsync(fresh.Select(e => (e.OrderId, e.CustomerId)), PurchaseState.Withdrawn, ct), cancellationToken);

    /// <summary>Remembers the lines of placed orders not seen before.</summary>
    private async Task RememberAsync(IReadOnlyList<OrderPlaced> placed, CancellationToken cancellationToken)
    {
        var ids = placed.Select(p => p.OrderId).ToList();
        var known = (await db.PurchasedLines.Where(l => ids.Contains(l.OrderId)).Select(l => l.OrderId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        foreach (var order in placed.Where(p => known.Add(p.OrderId)))
        {
            foreach (var product in order.Lines.GroupBy(l => l.ProductId))
            {
                db.PurchasedLines.Add(new PurchasedLine
                {
                    OrderId = order.OrderId, ProductId = product.Key, CustomerId = order.CustomerId,
                    Quantity = product.Sum(l => l.Quantity), PlacedAt = order.OccurredAt, State = PurchaseState.Pending,
                });
            }
        }
    }

    /// <summary>
    /// Settles several orders in one transaction, customer by customer in a fixed order (so two workers lock customers
    /// alike), saving after each so the next sees what it bought.
    /// </summary>
    private async Task SettleEachAsync(IEnumerable<(Guid OrderId, Guid CustomerId)> orders, PurchaseState to, CancellationToken cancellationToken)
    {
        foreach (var (orderId, customerId) in orders.OrderBy(o => o.CustomerId).ThenBy(o => o.OrderId))
        {
            await SettleAsync(orderId, customerId, to, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SettleAsync(Guid orderId, Guid customerId, PurchaseState to, CancellationToken cancellationToken)
    {
        await ledger.LockCustomerAsync(customerId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var lines = await db.PurchasedLines.Where(l => l.OrderId == orderId).ToListAsync(cancellationToken);
        if (lines.Count == 0)
        {
            LogUnknownOrder(orderId);
            return;
        }
        var from = lines[0].State;
        if (from == to || from == PurchaseState.Withdrawn)
        {
            return; // already settled this way, or withdrawn for good
        }
        var counted = await CountedProductsAsync(customerId, orderId, cancellationToken);
        var products = lines.Select(l => l.ProductId).Where(p => !counted.Contains(p)).ToHashSet();
        if (to == PurchaseState.Counted)
        {
            await ledger.ApplyAsync(counted, products, +1, cancellationToken);
        }
        else if (from == PurchaseState.Counted)
        {
            await ledger.ApplyAsync(counted, products, -1, cancellationToken);
        }
        foreach (var line in lines)
        {
            line.State = to;
        }
    }

    /// <summary>Products the customer has in paid orders other than this one.</summary>
    private async Task<HashSet<Guid>> CountedProductsAsync(Guid customerId, Guid exceptOrder, CancellationToken cancellationToken) =>
        (await db.PurchasedLines.AsNoTracking()
            .Where(l => l.CustomerId == customerId && l.State == PurchaseState.Counted && l.OrderId != exceptOrder)
            .Select(l => l.ProductId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} settled before its placement reached the recommendations; it is not counted")]
    private partial void LogUnknownOrder(Guid orderId);
}
