using CloudMart.Modules.Cart.ChangeCart;
using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Cart.ViewCart;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Cart;

/// <summary>Serves <see cref="IShoppingCart"/> through the cart's own slices, acting as the customer and nobody else.</summary>
internal sealed class ShoppingCart(ICartStore carts, ICatalog catalog, IOptions<StoreOptions> store) : IShoppingCart
{
    public async Task<CartContents> ViewAsync(Guid customerId, CancellationToken cancellationToken) =>
        Contents(await ViewCartEndpoint.ViewAsync(customerId, carts, catalog, store.Value.Currency, cancellationToken));

    public async Task<CartChangeResult> AddAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken)
    {
        if (quantity < 1)
        {
            return new CartChangeResult(null, "The quantity must be at least 1.");
        }
        var result = await ChangeCartEndpoints.AddAsync(customerId, productId, quantity, carts, catalog, store, cancellationToken);
        return result.Result switch
        {
            Ok<CartView> ok => new CartChangeResult(Contents(ok.Value!), null),
            ValidationProblem invalid => new CartChangeResult(null, string.Join(" ", invalid.ProblemDetails.Errors.SelectMany(e => e.Value))),
            ProblemHttpResult problem => new CartChangeResult(null, problem.ProblemDetails.Detail ?? "The cart could not be changed."),
            _ => new CartChangeResult(null, "The cart could not be changed."),
        };
    }

    private static CartContents Contents(CartView view) => new(
        view.Items.Select(l => new CartContentsLine(l.ProductId, l.Sku, l.Name, l.UnitPrice, l.Quantity, l.LineTotal)).ToList(),
        view.Subtotal, view.Currency, view.ItemCount);
}
