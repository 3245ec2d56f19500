using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Cart.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Cart;

internal sealed class CartCheckout(CartDbContext db) : ICartCheckout
{
    public async Task<IReadOnlyList<CartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken) =>
        await db.Items.AsNoTracking().Where(i => i.CustomerId == customerId).OrderBy(i => i.AddedAt)
            .Select(i => new CartLine(i.ProductId, i.Quantity)).ToListAsync(cancellationToken);

    public Task ClearAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Items.Where(i => i.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
}
