using CloudMart.Platform.Security;

namespace CloudMart.Modules.Ordering.PutBackInCart;

/// <summary>POST /api/orders/{id}/put-back-in-cart (the order's customer): a declined or cancelled order's items go back in the cart.</summary>
internal static class PutBackInCartEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders.MapPost("/{id:guid}/put-back-in-cart", HandleAsync)
            .WithName("PutOrderBackInCart")
            .WithSummary("Put a PaymentFailed or Cancelled order's items back in your cart, as far as stock allows; lists what could not be added. 409 for other statuses.")
            .RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static Task<Results<Ok<PutBackView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, CartRefill refill, CancellationToken cancellationToken) =>
        refill.PutBackAsync(user.Id(), id, cancellationToken);
}
