using CloudMart.Modules.Cart.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Cart.Data;

/// <summary>
/// The cart in <c>cart_items</c> (one row per line) on SQLite or PostgreSQL. Every change is one transaction that
/// first takes the cart for itself: SQLite has one writer at a time already (ADR 0002); on PostgreSQL a
/// transaction-scoped advisory lock on the customer's cart serializes its changes, so a count of lines or a
/// quantity read inside it is still true when the change commits.
/// </summary>
internal sealed class RelationalCartStore(CartDbContext db, UnitOfWork unitOfWork, DatabaseSession session, TimeProvider clock) : ICartStore
{
    public async Task<IReadOnlyList<CartLine>> LinesAsync(Guid customerId, CancellationToken cancellationToken) =>
        CartRules.InOrder(await db.Items.AsNoTracking().Where(i => i.CustomerId == customerId)
            .Select(i => new StoredCartLine(i.ProductId, i.Quantity, i.AddedAt)).ToListAsync(cancellationToken));

    public Task<CartWrite> SetAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(customerId, productId, _ => quantity, cancellationToken);

    public Task<CartWrite> AddAsync(Guid customerId, Guid productId, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(customerId, productId, held => held + quantity, cancellationToken);

    public Task RemoveAsync(Guid customerId, Guid productId, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(
            ct => db.Items.Where(i => i.CustomerId == customerId && i.ProductId == productId).ExecuteDeleteAsync(ct),
            cancellationToken);

    public Task ClearAsync(Guid customerId, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(ct => db.Items.Where(i => i.CustomerId == customerId).ExecuteDeleteAsync(ct), cancellationToken);

    public Task ForgetAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Items.Where(i => i.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);

    public Task MergeAsync(Guid customerId, IReadOnlyList<CartLine> lines, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            await TakeCartAsync(db, session, customerId, ct);
            var existing = await db.Items.Where(i => i.CustomerId == customerId).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var merged = CartRules.Merge(existing.Select(i => new StoredCartLine(i.ProductId, i.Quantity, i.AddedAt)).ToList(), lines, now);
            foreach (var line in merged)
            {
                if (existing.Find(i => i.ProductId == line.ProductId) is not { } item)
                {
                    db.Items.Add(new CartItem { CustomerId = customerId, ProductId = line.ProductId, Quantity = line.Quantity, AddedAt = line.AddedAt, UpdatedAt = now });
                }
                else if (item.Quantity != line.Quantity)
                {
                    item.Quantity = line.Quantity;
                    item.UpdatedAt = now;
                }
            }
            return merged.Count;
        }, cancellationToken);

    /// <summary>Sets a line to <paramref name="quantityFrom"/>(what it holds now; 0 when absent), within the rules.</summary>
    private Task<CartWrite> ChangeAsync(Guid customerId, Guid productId, Func<int, int> quantityFrom, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct =>
        {
            await TakeCartAsync(db, session, customerId, ct);
            var item = await db.Items.FirstOrDefaultAsync(i => i.CustomerId == customerId && i.ProductId == productId, ct);
            var quantity = quantityFrom(item?.Quantity ?? 0);
            var now = clock.GetUtcNow().UtcDateTime;
            if (quantity > CartRules.MaxQuantity)
            {
                return CartWrite.TooMany;
            }
            if (quantity <= 0)
            {
                if (item is not null)
                {
                    db.Items.Remove(item);
                }
            }
            else if (item is null)
            {
                if (await db.Items.CountAsync(i => i.CustomerId == customerId, ct) >= CartRules.MaxLines)
                {
                    return CartWrite.CartFull;
                }
                db.Items.Add(new CartItem { CustomerId = customerId, ProductId = productId, Quantity = quantity, AddedAt = now, UpdatedAt = now });
            }
            else
            {
                item.Quantity = quantity;
                item.UpdatedAt = now;
            }
            return CartWrite.Done;
        }, cancellationToken);

    /// <summary>Until this transaction ends, no other change to this customer's cart can start.</summary>
    public static async Task TakeCartAsync(CartDbContext db, DatabaseSession session, Guid customerId, CancellationToken cancellationToken)
    {
        if (session.Provider == DatabaseProvider.Postgres)
        {
            var key = $"cart:{customerId:N}";
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        }
    }
}
