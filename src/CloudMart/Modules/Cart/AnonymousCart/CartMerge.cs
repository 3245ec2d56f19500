using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Cart.Data;

namespace CloudMart.Modules.Cart.AnonymousCart;

/// <summary>
/// At sign-in or sign-up the visitor's cookie cart joins the account's cart, all or nothing, by
/// <see cref="CartRules.Merge"/>: quantities of a product in both are added (capped at the per-line limit), and
/// lines beyond the cart's size limit are left out.
/// </summary>
internal sealed class CartMerge(ICartStore carts)
{
    public Task MergeAsync(Guid customerId, IReadOnlyList<CookieCartLine> lines, CancellationToken cancellationToken) =>
        lines.Count == 0
            ? Task.CompletedTask
            : carts.MergeAsync(customerId, lines.Select(l => new CartLine(l.ProductId, l.Quantity)).ToList(), cancellationToken);
}
