using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace CloudMart.Modules.Ordering.PlaceOrder;

/// <summary>POST /api/orders (customer): check out the given items, or the cart when items are left out.</summary>
internal static class PlaceOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders.MapPost("/", HandleAsync)
            .WithName("PlaceOrder")
            .WithSummary("Place an order. Send an Idempotency-Key to make retries safe. 409 when stock is short (nothing reserved).")
            .RequireAuthorization(Policies.Customer)
            .RequireRateLimiting(RateLimits.Checkout)
            .Produces<OrderView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> HandleAsync(
        PlaceOrderInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        IOrderPlacement placement,
        CancellationToken cancellationToken) =>
        placement.PlaceAsync(user.Id(), input, idempotencyKey, cancellationToken);
}
