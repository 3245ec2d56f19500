using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Ordering.PutBackInCart;

/// <summary>A line of the order now in the cart: <see cref="Quantity"/> is what the cart holds of it.</summary>
internal sealed record PutBackLine(Guid ProductId, string Sku, string Name, int Quantity);

/// <summary>A line of the order the cart could not take (all of it, or <see cref="Missing"/> units of it), and why.</summary>
internal sealed record NotPutBackLine(Guid ProductId, string Sku, string Name, int Missing, string Reason);

/// <summary>What putting an order back in the cart did.</summary>
internal sealed record PutBackView(Guid OrderId, string Number, IReadOnlyList<PutBackLine> Added, IReadOnlyList<NotPutBackLine> NotAdded);

/// <summary>
/// Puts a declined or cancelled order's items back in its customer's cart, through the Cart module's own contract.
/// The cart ends up holding at least what the order held, as far as the stock available now allows, so pressing it
/// twice does not double anything. Products no longer on sale or short of stock are reported, not added.
/// </summary>
internal sealed class CartRefill(IOrderDesk orders, ICatalog catalog, IShoppingCart cart)
{
    public async Task<Results<Ok<PutBackView>, ProblemHttpResult>> PutBackAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken)
    {
        // Read as the customer: only their own order exists here, on whichever store holds it.
        if ((await orders.GetAsync(orderId, CustomerPrincipal.For(customerId), cancellationToken)).Result is not Ok<OrderView> { Value: { } order })
        {
            return OrderAccess.NotFound();
        }
        if (order.Status is not (OrderStatus.PaymentFailed or OrderStatus.Cancelled))
        {
            return ProblemTypes.ConflictProblem(
                $"Order {order.Number} is {order.Status}; only a cancelled order or one whose payment failed can be put back in the cart.");
        }
        var products = await catalog.FindListingsAsync(order.Items.Select(l => l.ProductId).ToList(), cancellationToken);
        var inCart = (await cart.ViewAsync(customerId, cancellationToken)).Items.ToDictionary(i => i.ProductId, i => i.Quantity);
        var added = new List<PutBackLine>();
        var notAdded = new List<NotPutBackLine>();
        foreach (var line in order.Items)
        {
            if (!products.TryGetValue(line.ProductId, out var product) || product.IsArchived)
            {
                notAdded.Add(new NotPutBackLine(line.ProductId, line.Sku, line.Name, line.Quantity, "It is no longer on sale."));
                continue;
            }
            var already = inCart.GetValueOrDefault(line.ProductId);
            var wanted = Math.Min(line.Quantity, Math.Max(product.Available, 0));
            if (wanted > already)
            {
                var change = await cart.AddAsync(customerId, line.ProductId, wanted - already, cancellationToken);
                if (!change.Succeeded)
                {
                    notAdded.Add(new NotPutBackLine(line.ProductId, line.Sku, line.Name, line.Quantity - already, change.Problem!));
                    continue;
                }
                already = wanted;
            }
            if (already > 0)
            {
                added.Add(new PutBackLine(line.ProductId, line.Sku, product.Name, already));
            }
            if (already < line.Quantity)
            {
                notAdded.Add(new NotPutBackLine(line.ProductId, line.Sku, line.Name, line.Quantity - already, product.Available <= 0
                    ? "It is out of stock."
                    : $"Only {product.Available} available now."));
            }
        }
        return TypedResults.Ok(new PutBackView(order.Id, order.Number, added, notAdded));
    }
}
