using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.Templates;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Notifications.CustomerEmails;

/// <summary>
/// Writes the customer's e-mail for each step of an order. The mail key is the event, so a redelivery resends the same
/// message, never a second one. A batch is written in one scope; a message that fails is left to be retried on its own.
/// </summary>
internal sealed partial class OrderEmailHandlers(
    IOrderLookup orders, ICustomerDirectory customers, IMailSender mail, IOptions<MailOptions> mailOptions, CarrierTracking tracking, ILogger<OrderEmailHandlers> logger)
    : IBatchEventHandler<OrderConfirmed>, IBatchEventHandler<OrderPaymentFailed>, IBatchEventHandler<OrderShipped>, IBatchEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderConfirmed e, HandlerContext context, CancellationToken cancellationToken) => SendAsync([e], null, cancellationToken);

    public Task HandleAsync(OrderPaymentFailed e, HandlerContext context, CancellationToken cancellationToken) => SendAsync([e], null, cancellationToken);

    public Task HandleAsync(OrderShipped e, HandlerContext context, CancellationToken cancellationToken) => SendAsync([e], null, cancellationToken);

    public Task HandleAsync(OrderCancelled e, HandlerContext context, CancellationToken cancellationToken) => SendAsync([e], null, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderConfirmed> events, BatchContext context, CancellationToken cancellationToken) => SendAsync([.. events], context, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderPaymentFailed> events, BatchContext context, CancellationToken cancellationToken) => SendAsync([.. events], context, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderShipped> events, BatchContext context, CancellationToken cancellationToken) => SendAsync([.. events], context, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<OrderCancelled> events, BatchContext context, CancellationToken cancellationToken) => SendAsync([.. events], context, cancellationToken);

    /// <summary>
    /// Reads the events' orders and addresses at once, then writes each message. Alone, a failure propagates so the
    /// relay retries the event; in a batch, a message that fails is left out of the batch's report and retried on its own.
    /// </summary>
    private async Task SendAsync(IReadOnlyList<IIntegrationEvent> events, BatchContext? batch, CancellationToken cancellationToken)
    {
        var found = (await orders.FindManyAsync([.. events.Select(OrderOf)], cancellationToken)).ToDictionary(o => o.Id);
        var addresses = await customers.EmailsOfAsync([.. found.Values.Select(o => o.CustomerId).Distinct()], cancellationToken);
        foreach (var e in events)
        {
            try
            {
                if (found.TryGetValue(OrderOf(e), out var order) && addresses.TryGetValue(order.CustomerId, out var to))
                {
                    await mail.SendAsync(Message(e, order, to), cancellationToken);
                }
                batch?.Done([e]); // sent, or the account was removed and there is nobody to write to
            }
            catch (Exception failure) when (batch is not null && (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                LogLeftForRetry(failure, e.EventId);
            }
        }
    }

    private static Guid OrderOf(IIntegrationEvent e) => e switch
    {
        OrderConfirmed confirmed => confirmed.OrderId,
        OrderPaymentFailed failed => failed.OrderId,
        OrderShipped shipped => shipped.OrderId,
        OrderCancelled cancelled => cancelled.OrderId,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "No e-mail is written for this event."),
    };

    /// <summary>The message for one step; its key is the event, so a redelivery rewrites the same message.</summary>
    private OutgoingMail Message(IIntegrationEvent e, OrderSummary order, string to)
    {
        var orderPage = mailOptions.Value.Link($"/account/orders/{order.Id}");
        var (kind, (subject, html, text)) = e switch
        {
            OrderConfirmed => ("order-confirmed", OrderEmails.Confirmed(order, orderPage)),
            OrderPaymentFailed failed => ("payment-failed", OrderEmails.PaymentFailed(order, failed.Reason, orderPage)),
            OrderShipped => ("order-shipped", OrderEmails.Shipped(order, orderPage, tracking.LinkFor(order.Carrier, order.TrackingNumber))),
            OrderCancelled cancelled => ("order-cancelled", OrderEmails.Cancelled(order, cancelled.Reason, orderPage)),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "No e-mail is written for this event."),
        };
        return new OutgoingMail($"{kind}-{order.Number}-{e.EventId:N}", to, subject, html, text);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The e-mail for event {EventId} failed in a batch; it is retried on its own")]
    private partial void LogLeftForRetry(Exception exception, Guid eventId);
}
