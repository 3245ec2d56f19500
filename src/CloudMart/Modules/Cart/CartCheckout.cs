using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Cart.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Cart;

/// <summary>
/// <see cref="ICartCheckout"/> on SQLite or PostgreSQL, inside the checkout's unit of work: the cart is taken when
/// it is read (as <see cref="RelationalCartStore"/> takes it for every change), so a change made while the order is
/// being placed waits for it instead of being emptied with the cart; the order and the emptied cart commit together.
/// </summary>
internal sealed class CartCheckout(CartDbContext db, DatabaseSession session) : ICartCheckout
{
    public async Task<IReadOnlyList<CartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken)
    {
        if (session.Transaction is not null)
        {
            await RelationalCartStore.TakeCartAsync(db, session, customerId, cancellationToken);
        }
        return CartRules.InOrder(await db.Items.AsNoTracking().Where(i => i.CustomerId == customerId)
            .Select(i => new StoredCartLine(i.ProductId, i.Quantity, i.AddedAt)).ToListAsync(cancellationToken));
    }

    public Task ClearAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Items.Where(i => i.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
}
