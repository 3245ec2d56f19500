using CloudMart.Modules.Cart.Contracts;

namespace CloudMart.Modules.Cart;

/// <summary>A line as a store keeps it: what, how many, and when it first went in (lines are shown in that order).</summary>
internal sealed record StoredCartLine(Guid ProductId, int Quantity, DateTime AddedAt);

/// <summary>The cart's rules, the same whichever store holds the cart (ADR 0018).</summary>
internal static class CartRules
{
    /// <summary>Most units of one product a cart holds.</summary>
    public const int MaxQuantity = 1000;

    /// <summary>Most different products a cart holds; also what keeps one DynamoDB cart item far below 400 KB.</summary>
    public const int MaxLines = 100;

    public static string CartFull => $"A cart holds at most {MaxLines} different products.";

    public static string TooMany => $"A cart holds at most {MaxQuantity} of one product.";

    /// <summary>
    /// A visitor's lines joined with the account's: a product in both gets the two quantities added (capped at
    /// <see cref="MaxQuantity"/>); a new product is added while the cart has room for it and left out after that.
    /// The account's lines keep their places; new ones follow in the visitor's order.
    /// </summary>
    public static IReadOnlyList<StoredCartLine> Merge(IReadOnlyList<StoredCartLine> account, IReadOnlyList<CartLine> visitor, DateTime now)
    {
        var merged = account.ToList();
        var added = 0;
        foreach (var line in visitor)
        {
            if (line.Quantity < 1)
            {
                continue;
            }
            var index = merged.FindIndex(l => l.ProductId == line.ProductId);
            if (index >= 0)
            {
                merged[index] = merged[index] with { Quantity = Math.Min(merged[index].Quantity + line.Quantity, MaxQuantity) };
            }
            else if (merged.Count < MaxLines)
            {
                // One tick apart, so the visitor's order survives a store that sorts by the time a line went in.
                merged.Add(new StoredCartLine(line.ProductId, Math.Min(line.Quantity, MaxQuantity), now.AddTicks(added++)));
            }
        }
        return merged;
    }

    /// <summary>The order every store shows lines in: as they went in; the product id settles a tie.</summary>
    public static IReadOnlyList<CartLine> InOrder(IEnumerable<StoredCartLine> lines) =>
        lines.OrderBy(l => l.AddedAt).ThenBy(l => l.ProductId).Select(l => new CartLine(l.ProductId, l.Quantity)).ToList();
}
