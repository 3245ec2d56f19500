namespace CloudMart.Modules.Cart.Contracts;

/// <summary>A customer's cart for other modules (the assistant), with the same rules as /api/cart.</summary>
public interface IShoppingCart
{
    Task<CartContents> ViewAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="quantity"/> of a product to what the cart already holds.</summary>
    Task<CartChangeResult> AddAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken);
}

public sealed record CartContentsLine(Guid ProductId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

public sealed record CartContents(IReadOnlyList<CartContentsLine> Items, decimal Subtotal, string Currency, int ItemCount);

/// <summary>The cart after a change, or why nothing changed (<see cref="Problem"/>: no such product, too many…).</summary>
public sealed record CartChangeResult(CartContents? Cart, string? Problem)
{
    public bool Succeeded => Problem is null;
}
