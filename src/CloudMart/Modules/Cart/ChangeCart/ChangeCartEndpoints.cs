using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Cart.ViewCart;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform;
using CloudMart.Platform.Security;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Cart.ChangeCart;

internal sealed record CartQuantityInput(int? Quantity);

/// <summary>PUT and DELETE on /api/cart: set a line's quantity, remove a line, empty the cart.</summary>
internal static class ChangeCartEndpoints
{
    public static void Map(RouteGroupBuilder cart)
    {
        cart.MapPut("/items/{productId:guid}", SetQuantityAsync)
            .WithName("SetCartQuantity")
            .WithSummary("Set how many of a product are in the cart; 0 removes it.");
        cart.MapDelete("/items/{productId:guid}", RemoveAsync)
            .WithName("RemoveFromCart")
            .WithSummary("Remove a product from the cart.");
        cart.MapDelete("/", ClearAsync)
            .WithName("ClearCart")
            .WithSummary("Empty the cart.");
    }

    internal static async Task<Results<Ok<CartView>, ValidationProblem, ProblemHttpResult>> SetQuantityAsync(
        Guid productId, CartQuantityInput input, ClaimsPrincipal user, ICartStore carts, ICatalog catalog,
        IOptions<StoreOptions> store, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Check(input.Quantity is not null, "quantity", "quantity is required.");
        validation.Check(input.Quantity is null or >= 0 and <= CartRules.MaxQuantity, "quantity", $"quantity must be between 0 and {CartRules.MaxQuantity}.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await ChangeAsync(user.Id(), productId, carts, catalog, store, (customerId, ct) => carts.SetAsync(customerId, productId, input.Quantity!.Value, ct), cancellationToken);
    }

    /// <summary>
    /// Adds to what the cart holds of a product in one step of the store, so that two adds at once add up (the
    /// assistant's and the storefront's "add to cart"); more than <see cref="CartRules.MaxQuantity"/> in all is refused.
    /// </summary>
    internal static async Task<Results<Ok<CartView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid customerId, Guid productId, int quantity, ICartStore carts, ICatalog catalog, IOptions<StoreOptions> store, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Check(quantity is >= 1 and <= CartRules.MaxQuantity, "quantity", $"quantity must be between 1 and {CartRules.MaxQuantity}.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await ChangeAsync(customerId, productId, carts, catalog, store, (id, ct) => carts.AddAsync(id, productId, quantity, ct), cancellationToken);
    }

    internal static async Task<NoContent> RemoveAsync(Guid productId, ClaimsPrincipal user, ICartStore carts, CancellationToken cancellationToken)
    {
        await carts.RemoveAsync(user.Id(), productId, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> ClearAsync(ClaimsPrincipal user, ICartStore carts, CancellationToken cancellationToken)
    {
        await carts.ClearAsync(user.Id(), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The product must be on sale; the store applies the change atomically; the cart is priced after it.</summary>
    private static async Task<Results<Ok<CartView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid customerId, Guid productId, ICartStore carts, ICatalog catalog, IOptions<StoreOptions> store,
        Func<Guid, CancellationToken, Task<CartWrite>> change, CancellationToken cancellationToken)
    {
        var products = await catalog.FindForSaleAsync([productId], cancellationToken);
        if (!products.TryGetValue(productId, out var product) || product.IsArchived)
        {
            return ProblemTypes.NotFoundProblem("There is no such product on sale.");
        }
        var refused = new Validation();
        switch (await change(customerId, cancellationToken))
        {
            case CartWrite.CartFull:
                refused.Add("productId", CartRules.CartFull);
                return refused.Problem();
            case CartWrite.TooMany:
                refused.Add("quantity", CartRules.TooMany);
                return refused.Problem();
            default:
                return TypedResults.Ok(await ViewCartEndpoint.ViewAsync(customerId, carts, catalog, store.Value.Currency, cancellationToken));
        }
    }
}
