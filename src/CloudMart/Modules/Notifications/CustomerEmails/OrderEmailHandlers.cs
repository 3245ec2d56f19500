using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.Templates;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Notifications.CustomerEmails;

/// <summary>Writes the customer's e-mail for each step of an order. The mail key is the event, so a redelivery resends the same message, never a second one.</summary>
internal sealed class OrderEmailHandlers(IOrderLookup orders, ICustomerDirectory customers, IMailSender mail)
    : IEventHandler<OrderConfirmed>, IEventHandler<OrderPaymentFailed>, IEventHandler<OrderShipped>, IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderConfirmed e, HandlerContext context, CancellationToken cancellationToken) =>
        SendAsync("order-confirmed", e.EventId, e.OrderId, OrderEmails.Confirmed, cancellationToken);

    public Task HandleAsync(OrderPaymentFailed e, HandlerContext context, CancellationToken cancellationToken) =>
        SendAsync("payment-failed", e.EventId, e.OrderId, order => OrderEmails.PaymentFailed(order, e.Reason), cancellationToken);

    public Task HandleAsync(OrderShipped e, HandlerContext context, CancellationToken cancellationToken) =>
        SendAsync("order-shipped", e.EventId, e.OrderId, OrderEmails.Shipped, cancellationToken);

    public Task HandleAsync(OrderCancelled e, HandlerContext context, CancellationToken cancellationToken) =>
        SendAsync("order-cancelled", e.EventId, e.OrderId, order => OrderEmails.Cancelled(order, e.Reason), cancellationToken);

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
}
