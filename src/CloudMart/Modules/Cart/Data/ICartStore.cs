using CloudMart.Modules.Cart.Contracts;

namespace CloudMart.Modules.Cart.Data;

/// <summary>What became of a change the store was asked to make.</summary>
internal enum CartWrite
{
    Done,

    /// <summary>Nothing changed: the product is not in the cart and the cart already holds <see cref="CartRules.MaxLines"/> products.</summary>
    CartFull,

    /// <summary>Nothing changed: the line would hold more than <see cref="CartRules.MaxQuantity"/>.</summary>
    TooMany,
}

/// <summary>
/// The port through which every cart slice reaches a customer's cart: EF Core on SQLite or PostgreSQL, or the
/// DynamoDB table when <c>CloudMart:DynamoDb:TableName</c> is set (ADR 0018). Each change is one atomic step in
/// the store, never a read-modify-write across requests: two changes to one cart at the same time both land.
/// Callers validate input; stores enforce <see cref="CartRules"/> atomically.
/// </summary>
internal interface ICartStore
{
    /// <summary>The lines in the order they went in.</summary>
    Task<IReadOnlyList<CartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Sets a line's quantity (1 to <see cref="CartRules.MaxQuantity"/>; 0 removes it).</summary>
    Task<CartWrite> SetAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken);

    /// <summary>Adds to what the cart holds of a product, as one step: two adds at once add up.</summary>
    Task<CartWrite> AddAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken);

    Task RemoveAsync(Guid customerId, Guid productId, CancellationToken cancellationToken);

    /// <summary>Empties the cart.</summary>
    Task ClearAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Joins a visitor's lines to the account's cart by <see cref="CartRules.Merge"/>, all or nothing.</summary>
    Task MergeAsync(Guid customerId, IReadOnlyList<CartLine> lines, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every trace of the customer's cart. Relational: inside the caller's unit of work (the account-closed
    /// handler's, with its inbox record); DynamoDB: deletes the item (doing it twice is harmless).
    /// </summary>
    Task ForgetAsync(Guid customerId, CancellationToken cancellationToken);
}
