using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Cart.ViewCart;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Cart.ChangeCart;

internal sealed record CartQuantityInput(int? Quantity);

/// <summary>PUT and DELETE on /api/cart: set a line's quantity, remove a line, empty the cart.</summary>
internal static class ChangeCartEndpoints
{
    public const int MaxQuantity = 1000;
    public const int MaxLines = 100;

    public static void Map(RouteGroupBuilder cart)
    {
        cart.MapPut("/items/{productId:guid}", SetQuantityAsync)
            .WithName("SetCartQuantity")
            .WithSummary("Set how many of a product are in the cart; 0 removes it.");
        cart.MapDelete("/items/{productId:guid}", RemoveAsync)
            .WithName("RemoveFromCart")
            .WithSummary("Remove a product from the cart.");
        cart.MapDelete("/", ClearAsync)
            .WithName("ClearCart")
            .WithSummary("Empty the cart.");
    }

    internal static async Task<Results<Ok<CartView>, ValidationProblem, ProblemHttpResult>> SetQuantityAsync(
        Guid productId, CartQuantityInput input, ClaimsPrincipal user, CartDbContext db, ICatalog catalog,
        UnitOfWork unitOfWork, IOptions<StoreOptions> store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Check(input.Quantity is not null, "quantity", "quantity is required.");
        validation.Check(input.Quantity is null or >= 0 and <= MaxQuantity, "quantity", $"quantity must be between 0 and {MaxQuantity}.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var products = await catalog.FindForSaleAsync([productId], cancellationToken);
        if (!products.TryGetValue(productId, out var product) || product.IsArchived)
        {
            return ProblemTypes.NotFoundProblem("There is no such product on sale.");
        }
        var customerId = user.Id();
        var quantity = input.Quantity!.Value;
        var outcome = await unitOfWork.ExecuteAsync<Results<Ok, ValidationProblem>>(async ct =>
        {
            var item = await db.Items.FirstOrDefaultAsync(i => i.CustomerId == customerId && i.ProductId == productId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (quantity == 0)
            {
                if (item is not null)
                {
                    db.Items.Remove(item);
                }
            }
            else if (item is null)
            {
                if (await db.Items.CountAsync(i => i.CustomerId == customerId, ct) >= MaxLines)
                {
                    var full = new Validation();
                    full.Add("productId", $"A cart holds at most {MaxLines} different products.");
                    return full.Problem();
                }
                db.Items.Add(new CartItem { CustomerId = customerId, ProductId = productId, Quantity = quantity, AddedAt = now, UpdatedAt = now });
            }
            else
            {
                item.Quantity = quantity;
                item.UpdatedAt = now;
            }
            return TypedResults.Ok(); // changed; the cart is priced after the commit
        }, cancellationToken);
        return outcome.Result is ValidationProblem refused
            ? refused
            : TypedResults.Ok(await ViewCartEndpoint.ViewAsync(customerId, db, catalog, store.Value.Currency, cancellationToken));
    }

    internal static async Task<NoContent> RemoveAsync(Guid productId, ClaimsPrincipal user, CartDbContext db, UnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var customerId = user.Id();
        await unitOfWork.ExecuteAsync(
            ct => db.Items.Where(i => i.CustomerId == customerId && i.ProductId == productId).ExecuteDeleteAsync(ct),
            cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> ClearAsync(ClaimsPrincipal user, CartDbContext db, UnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var customerId = user.Id();
        await unitOfWork.ExecuteAsync(ct => db.Items.Where(i => i.CustomerId == customerId).ExecuteDeleteAsync(ct), cancellationToken);
        return TypedResults.NoContent();
    }
}
