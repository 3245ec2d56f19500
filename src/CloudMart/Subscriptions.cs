using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Ordering.AuthorisePayment;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Messaging;

namespace CloudMart;

/// <summary>
/// Every integration event and who reacts to it, in one place. Handler names are stable: they key the inbox and the
/// dead letters, so renaming one makes it handle old events again.
/// </summary>
internal static class Subscriptions
{
    public static void Configure(EventSubscriptions events) => events
        // Catalog
        .Event<ProductCreated>()
        .Event<ProductChanged>()
        .Event<ProductArchived>()
        // Ordering: the order workflow
        .On<OrderPlaced, AuthorisePaymentHandler>("ordering.authorise-payment")
        .Event<OrderConfirmed>()
        .Event<OrderPaymentFailed>()
        .Event<OrderCancelled>()
        .Event<OrderShipped>()
        .Event<OrderDelivered>();
}
