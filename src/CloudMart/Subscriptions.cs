using CloudMart.Modules.Assistant.ForgetCustomer;
using CloudMart.Modules.Cart.ForgetCustomer;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Notifications.AccountMessages;
using CloudMart.Modules.Catalog.ProductVectors;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Notifications.CustomerEmails;
using CloudMart.Modules.Notifications.StockAlerts;
using CloudMart.Modules.Notifications.Webhooks;
using CloudMart.Modules.Ordering.AuthorisePayment;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Recommendations.Learning;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Messaging.Broker;

namespace CloudMart;

/// <summary>
/// Every integration event and who reacts to it, in one place. Handler names are stable: they key the inbox and the
/// dead letters, so renaming one makes it handle old events again.
/// </summary>
internal static class Subscriptions
{
    public static void Configure(EventSubscriptions events, IConfiguration configuration)
    {
        Handlers(events);
        if (RabbitMqOptions.IsConfigured(configuration))
        {
            PublishToBroker(events);
        }
        if (SqsOptions.IsConfigured(configuration))
        {
            PublishToSqs(events);
        }
    }

    private static void Handlers(EventSubscriptions events) => events
        // Catalog
        .Event<ProductCreated>()
        .Event<ProductChanged>()
        .Event<ProductArchived>()
        .On<ProductCreated, ProductVectorHandler>("catalog.embed-created-product")
        .On<ProductChanged, ProductVectorHandler>("catalog.embed-changed-product")
        .On<ProductArchived, ProductVectorHandler>("catalog.drop-archived-product-vector")
        // Ordering: the order workflow
        .On<OrderPlaced, AuthorisePaymentHandler>("ordering.authorise-payment")
        .On<OrderPaymentRetried, AuthorisePaymentHandler>("ordering.authorise-retried-payment")
        .Event<OrderDelivered>()
        // Notifications: the customer hears of every step, admins of low stock
        .On<OrderConfirmed, OrderEmailHandlers>("notifications.order-confirmed-email")
        .On<OrderPaymentFailed, OrderEmailHandlers>("notifications.payment-failed-email")
        .On<OrderShipped, OrderEmailHandlers>("notifications.order-shipped-email")
        .On<OrderCancelled, OrderEmailHandlers>("notifications.order-cancelled-email")
        .On<StockRunningLow, LowStockEmailHandler>("notifications.low-stock-email")
        // Inventory
        .Event<StockReplenished>()
        // Customers: a welcome for each new account; a closed account's data leaves every module
        .On<CustomerRegistered, WelcomeEmailHandler>("notifications.welcome-email")
        .On<CustomerAccountClosed, ForgetClosedAccountCart>("cart.forget-closed-account")
        .On<CustomerAccountClosed, ForgetClosedAccountConversations>("assistant.forget-closed-account")
        // Webhooks: outside systems subscribe to any of these through /api/webhooks
        .On<OrderPlaced, WebhookFanOut<OrderPlaced>>("webhooks.order-placed")
        .On<OrderConfirmed, WebhookFanOut<OrderConfirmed>>("webhooks.order-confirmed")
        .On<OrderPaymentFailed, WebhookFanOut<OrderPaymentFailed>>("webhooks.order-payment-failed")
        .On<OrderPaymentRetried, WebhookFanOut<OrderPaymentRetried>>("webhooks.order-payment-retried")
        .On<OrderCancelled, WebhookFanOut<OrderCancelled>>("webhooks.order-cancelled")
        .On<OrderShipped, WebhookFanOut<OrderShipped>>("webhooks.order-shipped")
        .On<OrderDelivered, WebhookFanOut<OrderDelivered>>("webhooks.order-delivered")
        .On<StockRunningLow, WebhookFanOut<StockRunningLow>>("webhooks.stock-running-low")
        .On<StockReplenished, WebhookFanOut<StockReplenished>>("webhooks.stock-replenished")
        .On<ProductCreated, WebhookFanOut<ProductCreated>>("webhooks.product-created")
        .On<ProductChanged, WebhookFanOut<ProductChanged>>("webhooks.product-changed")
        .On<ProductArchived, WebhookFanOut<ProductArchived>>("webhooks.product-archived")
        // Recommendations: who bought what, counted once the order is paid, withdrawn when it is not
        .On<OrderPlaced, OrderInteractionsHandler>("recommendations.order-placed")
        .On<OrderConfirmed, OrderInteractionsHandler>("recommendations.order-confirmed")
        .On<OrderCancelled, OrderInteractionsHandler>("recommendations.order-cancelled")
        .On<OrderPaymentFailed, OrderInteractionsHandler>("recommendations.payment-failed");

    /// <summary>With a broker configured, every event also goes to RabbitMQ for outside subscribers.</summary>
    private static void PublishToBroker(EventSubscriptions events) => events
        .On<OrderPlaced, PublishToBroker<OrderPlaced>>("broker.order-placed")
        .On<OrderConfirmed, PublishToBroker<OrderConfirmed>>("broker.order-confirmed")
        .On<OrderPaymentFailed, PublishToBroker<OrderPaymentFailed>>("broker.order-payment-failed")
        .On<OrderPaymentRetried, PublishToBroker<OrderPaymentRetried>>("broker.order-payment-retried")
        .On<OrderCancelled, PublishToBroker<OrderCancelled>>("broker.order-cancelled")
        .On<OrderShipped, PublishToBroker<OrderShipped>>("broker.order-shipped")
        .On<OrderDelivered, PublishToBroker<OrderDelivered>>("broker.order-delivered")
        .On<StockRunningLow, PublishToBroker<StockRunningLow>>("broker.stock-running-low")
        .On<StockReplenished, PublishToBroker<StockReplenished>>("broker.stock-replenished")
        .On<ProductCreated, PublishToBroker<ProductCreated>>("broker.product-created")
        .On<ProductChanged, PublishToBroker<ProductChanged>>("broker.product-changed")
        .On<ProductArchived, PublishToBroker<ProductArchived>>("broker.product-archived");

    /// <summary>With an SQS queue configured, every event is also sent there (FIFO: deduplicated by event id, ordered per stream).</summary>
    private static void PublishToSqs(EventSubscriptions events) => events
        .On<OrderPlaced, PublishToSqs<OrderPlaced>>("sqs.order-placed")
        .On<OrderConfirmed, PublishToSqs<OrderConfirmed>>("sqs.order-confirmed")
        .On<OrderPaymentFailed, PublishToSqs<OrderPaymentFailed>>("sqs.order-payment-failed")
        .On<OrderPaymentRetried, PublishToSqs<OrderPaymentRetried>>("sqs.order-payment-retried")
        .On<OrderCancelled, PublishToSqs<OrderCancelled>>("sqs.order-cancelled")
        .On<OrderShipped, PublishToSqs<OrderShipped>>("sqs.order-shipped")
        .On<OrderDelivered, PublishToSqs<OrderDelivered>>("sqs.order-delivered")
        .On<StockRunningLow, PublishToSqs<StockRunningLow>>("sqs.stock-running-low")
        .On<StockReplenished, PublishToSqs<StockReplenished>>("sqs.stock-replenished")
        .On<ProductCreated, PublishToSqs<ProductCreated>>("sqs.product-created")
        .On<ProductChanged, PublishToSqs<ProductChanged>>("sqs.product-changed")
        .On<ProductArchived, PublishToSqs<ProductArchived>>("sqs.product-archived");
}
