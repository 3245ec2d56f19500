using CloudMart.Modules.Ordering.AuthorisePayment;
using CloudMart.Modules.Ordering.CancelOrder;
using CloudMart.Modules.Ordering.Payments;
using Polly;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.Data.DynamoDb;
using CloudMart.Platform.Aws;
using CloudMart.Modules.Ordering.FulfilOrder;
using CloudMart.Modules.Ordering.PlaceOrder;
using CloudMart.Modules.Ordering.Pricing;
using CloudMart.Modules.Ordering.ViewOrders;

namespace CloudMart.Modules.Ordering;

internal static class OrderingModule
{
    public static IServiceCollection AddOrdering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrderingDbContext, SqliteOrderingDbContext, PostgresOrderingDbContext>("ordering");
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.Section))
            .Validate(p => p.ShippingFlatRate >= 0 && p.FreeShippingThreshold >= 0, "CloudMart:Pricing: shipping amounts must not be negative.")
            .Validate(p => p.TaxRates.All(r => r.Key.Length == 2 && r.Value is >= 0 and < 1), "CloudMart:Pricing:TaxRates: keys are 2-letter country codes, rates between 0 and 1.")
            .ValidateOnStart();
        services.AddStorePort<IOrderPlacement, OrderPlacement, DynamoOrderPlacement>();
        services.AddStorePort<RetryPayment.IPaymentRetry, RetryPayment.PaymentRetry, DynamoPaymentRetry>();
        services.AddScoped<PutBackInCart.CartRefill>();
        services.AddOptions<SimulatedGatewayOptions>().Bind(configuration.GetSection(SimulatedGatewayOptions.Section))
            .Validate(o => o.TransientFailureRate is >= 0 and <= 1, "CloudMart:Payments:Simulated:TransientFailureRate must be between 0 and 1.")
            .ValidateOnStart();
        services.AddSingleton<SimulatedPaymentGateway>();
        services.AddSingleton<IPaymentGateway, ResilientPaymentGateway>();
        services.AddResiliencePipeline(ResilientPaymentGateway.Pipeline, ResilientPaymentGateway.Configure);
        services.AddScoped<AuthorisePaymentHandler>();
        services.AddStorePort<Contracts.IOrderLookup, OrderLookup, DynamoOrderLookup>();
        services.AddScoped<Contracts.ICustomerOrders, CustomerOrders>();
        services.AddStorePort<Reports.ISalesReport, Reports.SalesReport, DynamoSalesReport>();
        services.AddStorePort<IOrderDesk, OrderDesk, DynamoOrderDesk>();
        services.AddScoped<DynamoOrders>();
        services.AddStorePort<IOrderPayments, OrderPayments, DynamoPaymentSettlement>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrdering(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        PlaceOrderEndpoint.Map(orders);
        ViewOrdersEndpoints.Map(orders);
        CancelOrderEndpoint.Map(orders);
        RetryPayment.RetryPaymentEndpoint.Map(orders);
        PutBackInCart.PutBackInCartEndpoint.Map(orders);
        FulfilOrderEndpoints.Map(orders);
        return app;
    }
}
