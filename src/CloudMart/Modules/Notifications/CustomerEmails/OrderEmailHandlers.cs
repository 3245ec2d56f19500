using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.Templates;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Notifications.CustomerEmails;

/// <summary>
/// Writes the customer's e-mail for each step of an order. The mail key is the event, so a redelivery resends the same
/// message, never a second one. A batch is written in one scope; a message that fails is left to be retried on its own.
/// </summary>
internal sealed partial class OrderEmailHandlers(IOrderLookup orders, ICustomerDirectory customers, IMailSender mail, ILogger<OrderEmailHandlers> logger)
    : IBatchEventHandler<OrderConfirmed>, IBatchEventHandler<OrderPaymentFailed>, IBatchEventHandler<OrderShipped>, IBatchEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderConfirmed e, HandlerContext context, CancellationToken cancellationToken) => SendAsync(e, cancellationToken);

    public Task HandleAsync(OrderPaymentFailed e, HandlerContext context, CancellationToken cancellationToken) => SendAsync(e, cancellationToken);

    public Task HandleAsync(OrderShipped e, HandlerContext context, CancellationToken cancellationToken) => SendAsync(e, cancellationToken);

    public Task HandleAsync(OrderCancelled e, HandlerContext context, CancellationToken cancellationToken) => SendAsync(e, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderConfirmed> events, BatchContext context, CancellationToken cancellationToken) => SendEachAsync(events, context, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderPaymentFailed> events, BatchContext context, CancellationToken cancellationToken) => SendEachAsync(events, context, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderShipped> events, BatchContext context, CancellationToken cancellationToken) => SendEachAsync(events, context, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderCancelled> events, BatchContext context, CancellationToken cancellationToken) => SendEachAsync(events, context, cancellationToken);

    private async Task SendEachAsync(IEnumerable<IIntegrationEvent> events, BatchContext context, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            try
            {
                await SendAsync(e, cancellationToken);
                context.Done([e]);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogLeftForRetry(failure, e.EventId); // not reported as done: the relay retries it on its own
            }
        }
    }

    private Task SendAsync(IIntegrationEvent e, CancellationToken cancellationToken) => e switch
    {
        OrderConfirmed confirmed => SendAsync("order-confirmed", e.EventId, confirmed.OrderId, OrderEmails.Confirmed, cancellationToken),
        OrderPaymentFailed failed => SendAsync("payment-failed", e.EventId, failed.OrderId, order => OrderEmails.PaymentFailed(order, failed.Reason), cancellationToken),
        OrderShipped shipped => SendAsync("order-shipped", e.EventId, shipped.OrderId, OrderEmails.Shipped, cancellationToken),
        OrderCancelled cancelled => SendAsync("order-cancelled", e.EventId, cancelled.OrderId, order => OrderEmails.Cancelled(order, cancelled.Reason), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "No e-mail is written for this event."),
    };

    private async Task SendAsync(string kind, Guid eventId, Guid orderId, Func<OrderSummary, (string Subject, string Html, string Text)> template, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        var to = order is null ? null : await customers.EmailOfAsync(order.CustomerId, cancellationToken);
        if (order is null || to is null)
        {
            return; // the account was removed: there is nobody to write to
        }
        var (subject, html, text) = template(order);
        await mail.SendAsync(new OutgoingMail($"{kind}-{order.Number}-{eventId:N}", to, subject, html, text), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The e-mail for event {EventId} failed in a batch; it is retried on its own")]
    private partial void LogLeftForRetry(Exception exception, Guid eventId);
}
