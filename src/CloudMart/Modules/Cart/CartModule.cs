using CloudMart.Modules.Cart.AnonymousCart;
using CloudMart.Modules.Cart.ChangeCart;
using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Cart.Data.DynamoDb;
using CloudMart.Modules.Cart.ViewCart;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Cart;

internal static class CartModule
{
    public static IServiceCollection AddCart(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CartDbContext, SqliteCartDbContext, PostgresCartDbContext>("cart");
        services.AddStorePort<ICartStore, RelationalCartStore, DynamoCartStore>();
        services.AddStorePort<ICartCheckout, CartCheckout, DynamoCartCheckout>();
        services.AddScoped<IShoppingCart, ShoppingCart>();
        services.AddSingleton<CookieCart>();
        services.AddScoped<CartMerge>();
        services.AddScoped<ForgetCustomer.ForgetClosedAccountCart>();
        return services;
    }

    public static IEndpointRouteBuilder MapCart(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/cart").WithTags("Cart").RequireAuthorization(Policies.SignedIn);
        ViewCartEndpoint.Map(cart);
        ChangeCartEndpoints.Map(cart);
        return app;
    }
}
