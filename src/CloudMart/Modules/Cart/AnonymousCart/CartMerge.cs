using CloudMart.Modules.Cart.ChangeCart;
using CloudMart.Modules.Cart.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Cart.AnonymousCart;

/// <summary>
/// At sign-in or sign-up the visitor's cookie cart joins the account's cart in one transaction: quantities of a
/// product in both are added (capped at the per-line limit), and lines beyond the cart's size limit are left out.
/// </summary>
internal sealed class CartMerge(CartDbContext db, UnitOfWork unitOfWork, TimeProvider clock)
{
    public async Task MergeAsync(Guid customerId, IReadOnlyList<CookieCartLine> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var existing = await db.Items.Where(i => i.CustomerId == customerId).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var count = existing.Count;
            foreach (var line in lines)
            {
                if (existing.Find(i => i.ProductId == line.ProductId) is { } item)
                {
                    item.Quantity = Math.Min(item.Quantity + line.Quantity, ChangeCartEndpoints.MaxQuantity);
                    item.UpdatedAt = now;
                }
                else if (count < ChangeCartEndpoints.MaxLines)
                {
                    db.Items.Add(new CartItem { CustomerId = customerId, ProductId = line.ProductId, Quantity = line.Quantity, AddedAt = now, UpdatedAt = now });
                    count++;
                }
            }
        }, cancellationToken);
    }
}
