using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.Data;

/// <summary>
/// The stored answers of requests sent with an <c>Idempotency-Key</c> (placing an order, paying one again): a replay
/// with the same request gets the same answer; the same key for a different request is a 422.
/// </summary>
internal static class IdempotencyRecords
{
    /// <param name="newRequest">what a new key is for, completing "Use a new key for …" ("a new order").</param>
    public static async Task<IResult?> FindReplayAsync(
        this OrderingDbContext db, Guid customerId, string key, string requestHash, string newRequest, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.CustomerId == customerId && r.Key == key, ct);
        if (record is null)
        {
            return null;
        }
        if (record.RequestHash != requestHash)
        {
            return TypedResults.Problem(
                $"This Idempotency-Key was already used for a different request. Use a new key for {newRequest}.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused", type: ProblemTypes.IdempotencyKeyReused);
        }
        return new PlaceOrder.StoredResponse(record.StatusCode, record.ResponseBody, $"/api/orders/{record.OrderId}");
    }

    /// <summary>Records the answer in the same transaction as the change it reports, when the request had a key.</summary>
    public static void RecordAnswer(
        this OrderingDbContext db, Guid customerId, string? key, string requestHash, Guid orderId, int statusCode, string body, DateTime now)
    {
        if (key is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                CustomerId = customerId, Key = key, RequestHash = requestHash, OrderId = orderId,
                StatusCode = statusCode, ResponseBody = body, CreatedAt = now,
            });
        }
    }
}
