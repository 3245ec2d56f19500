using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace CloudMart.Modules.Ordering.RetryPayment;

/// <summary>POST /api/orders/{id}/retry-payment (the order's customer): pay a declined order again with another card.</summary>
internal static class RetryPaymentEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders.MapPost("/{id:guid}/retry-payment", HandleAsync)
            .WithName("RetryPayment")
            .WithSummary("Pay a PaymentFailed order again with another card: its stock is reserved again and the payment workflow authorises it. " +
                "Send an Idempotency-Key to make retries safe. 409 unless PaymentFailed, or when an item is no longer available (nothing reserved).")
            .RequireAuthorization(Policies.SignedIn)
            .RequireRateLimiting(RateLimits.Checkout)
            .Produces<OrderView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static Task<IResult> HandleAsync(
        Guid id,
        RetryPaymentInput? input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        IPaymentRetry retry,
        CancellationToken cancellationToken) =>
        retry.RetryAsync(user.Id(), id, input, idempotencyKey, cancellationToken);
}
