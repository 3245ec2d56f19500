using CloudMart.Modules.Cart.Contracts;

namespace CloudMart.Modules.Cart.Data.DynamoDb;

/// <summary>
/// <see cref="ICartCheckout"/> on DynamoDB. The order is placed from the cart as read here, and emptying it
/// afterwards removes exactly what was read (<see cref="DynamoCartStore.RemoveCheckedOutAsync"/>): a product added
/// while the order was being placed is still in the cart afterwards, not lost with the rest.
/// </summary>
internal sealed class DynamoCartCheckout(DynamoCartStore store) : ICartCheckout
{
    private readonly Dictionary<Guid, DynamoCart> _read = [];

    public async Task<IReadOnlyList<CartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var cart = await store.ReadAsync(customerId, cancellationToken);
        if (cart is null)
        {
            _read.Remove(customerId);
            return [];
        }
        _read[customerId] = cart;
        return CartRules.InOrder(cart.Lines);
    }

    /// <summary>Runs after the order committed (DynamoDB has no transaction across the two): safe to repeat.</summary>
    public Task ClearAsync(Guid customerId, CancellationToken cancellationToken) =>
        _read.Remove(customerId, out var read)
            ? store.RemoveCheckedOutAsync(customerId, read, cancellationToken)
            : store.ClearAsync(customerId, cancellationToken);
}
