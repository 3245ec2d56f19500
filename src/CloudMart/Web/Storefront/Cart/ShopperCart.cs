using CloudMart.Modules.Cart;
using CloudMart.Modules.Cart.AnonymousCart;
using CloudMart.Modules.Cart.ChangeCart;
using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Cart.ViewCart;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform;
using CloudMart.Platform.Security;
using Microsoft.Extensions.Options;

namespace CloudMart.Web.Storefront.Cart;

/// <summary>
/// The cart as the storefront sees it: a signed-in customer's cart through the Cart module's own change and view
/// code (whichever store holds it), an anonymous visitor's in the protected cookie; both priced by the same code.
/// </summary>
internal sealed class ShopperCart(ICartStore carts, ICatalog catalog, CookieCart cookie, CartMerge merge, IOptions<StoreOptions> store)
{
    public static bool IsSignedIn(HttpContext http) => http.User.Identity?.IsAuthenticated == true;

    public Task<CartView> ViewAsync(HttpContext http, CancellationToken cancellationToken) =>
        IsSignedIn(http)
            ? ViewCartEndpoint.ViewAsync(http.User.Id(), carts, catalog, store.Value.Currency, cancellationToken)
            : ViewCartEndpoint.PriceAsync(cookie.Read(http).Select(l => (l.ProductId, l.Quantity)).ToList(), catalog, store.Value.Currency, cancellationToken);

    /// <summary>Adds to what is already in the cart; returns a message for the shopper when refused.</summary>
    public async Task<string?> AddAsync(HttpContext http, Guid productId, int quantity, CancellationToken cancellationToken)
    {
        if (IsSignedIn(http))
        {
            // One step in the store: two tabs adding at once both count.
            return Message(await ChangeCartEndpoints.AddAsync(http.User.Id(), productId, quantity, carts, catalog, store, cancellationToken));
        }
        var current = cookie.Read(http).FirstOrDefault(l => l.ProductId == productId)?.Quantity ?? 0;
        return await SetAsync(http, productId, current + quantity, cancellationToken);
    }

    /// <summary>Sets a line's quantity (0 removes it); returns a message for the shopper when refused.</summary>
    public async Task<string?> SetAsync(HttpContext http, Guid productId, int quantity, CancellationToken cancellationToken)
    {
        if (quantity is < 0 or > CartRules.MaxQuantity)
        {
            return $"Choose a quantity between 1 and {CartRules.MaxQuantity}.";
        }
        if (IsSignedIn(http))
        {
            return Message(await ChangeCartEndpoints.SetQuantityAsync(productId, new CartQuantityInput(quantity), http.User, carts, catalog, store, cancellationToken));
        }
        var products = await catalog.FindForSaleAsync([productId], cancellationToken);
        if (quantity > 0 && (!products.TryGetValue(productId, out var product) || product.IsArchived))
        {
            return "That product is no longer on sale.";
        }
        return cookie.TrySet(http, productId, quantity) ? null : CartRules.CartFull;
    }

    /// <summary>Moves the visitor's cookie cart into the account that just signed in, then forgets the cookie.</summary>
    public async Task MergeIntoAccountAsync(HttpContext http, Guid customerId, CancellationToken cancellationToken)
    {
        var lines = cookie.Read(http);
        if (lines.Count > 0)
        {
            await merge.MergeAsync(customerId, lines, cancellationToken);
            cookie.Clear(http);
        }
    }

    /// <summary>Items in the cart for the header badge; an anonymous visitor's count costs no query.</summary>
    public async Task<int> CountAsync(HttpContext http, CancellationToken cancellationToken) =>
        IsSignedIn(http) && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var customerId)
            ? (await carts.LinesAsync(customerId, cancellationToken)).Sum(l => l.Quantity)
            : cookie.Read(http).Sum(l => l.Quantity);

    private static string? Message(Results<Ok<CartView>, ValidationProblem, ProblemHttpResult> outcome) => outcome.Result switch
    {
        ValidationProblem refused => refused.ProblemDetails.Errors.Values.SelectMany(v => v).FirstOrDefault() ?? "That change was refused.",
        ProblemHttpResult problem => problem.ProblemDetails.Detail ?? "That product is not on sale.",
        _ => null,
    };
}
