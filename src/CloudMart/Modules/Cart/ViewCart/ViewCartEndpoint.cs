using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform;
using CloudMart.Platform.Security;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Cart.ViewCart;

internal sealed record CartLineView(Guid ProductId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

internal sealed record CartView(IReadOnlyList<CartLineView> Items, decimal Subtotal, string Currency, int ItemCount);

/// <summary>GET /api/cart: the signed-in customer's cart at today's prices.</summary>
internal static class ViewCartEndpoint
{
    public static void Map(RouteGroupBuilder cart) =>
        cart.MapGet("/", HandleAsync)
            .WithName("ViewCart")
            .WithSummary("The signed-in customer's cart, priced now.");

    internal static async Task<Ok<CartView>> HandleAsync(
        ClaimsPrincipal user, ICartStore carts, ICatalog catalog, IOptions<StoreOptions> store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(user.Id(), carts, catalog, store.Value.Currency, cancellationToken));

    /// <summary>Prices every line from the catalog; lines whose product was archived are left out.</summary>
    internal static async Task<CartView> ViewAsync(Guid customerId, ICartStore carts, ICatalog catalog, string currency, CancellationToken cancellationToken)
    {
        var lines = await carts.LinesAsync(customerId, cancellationToken);
        return await PriceAsync(lines.Select(l => (l.ProductId, l.Quantity)).ToList(), catalog, currency, cancellationToken);
    }

    /// <summary>Prices lines held anywhere (the cart's store, or an anonymous visitor's cookie) in one catalog call.</summary>
    internal static async Task<CartView> PriceAsync(
        IReadOnlyList<(Guid ProductId, int Quantity)> items, ICatalog catalog, string currency, CancellationToken cancellationToken)
    {
        var products = await catalog.FindForSaleAsync(items.Select(i => i.ProductId).ToList(), cancellationToken);
        var lines = new List<CartLineView>(items.Count);
        foreach (var (productId, quantity) in items)
        {
            if (products.TryGetValue(productId, out var p) && !p.IsArchived)
            {
                lines.Add(new CartLineView(p.Id, p.Sku, p.Name, p.Price, quantity, p.Price * quantity));
            }
        }
        return new CartView(lines, lines.Sum(l => l.LineTotal), currency, lines.Sum(l => l.Quantity));
    }
}
