namespace CloudMart.Modules.Cart.Contracts;

/// <summary>What ordering needs from a customer's cart at checkout.</summary>
public interface ICartCheckout
{
    Task<IReadOnlyList<CartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Empties the cart inside the checkout's unit of work.</summary>
    Task ClearAsync(Guid customerId, CancellationToken cancellationToken);
}

public sealed record CartLine(Guid ProductId, int Quantity);
