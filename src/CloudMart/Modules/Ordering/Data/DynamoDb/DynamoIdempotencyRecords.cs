using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// The stored answers of keyed requests on DynamoDB (placing an order, paying one again), the counterpart of
/// <see cref="IdempotencyRecords"/>: <c>IDEMPOTENCY#{customerId}#{key}</c>, put with <c>attribute_not_exists</c> in
/// the same transaction as the change it reports, so of concurrent requests with one key exactly one commits.
/// </summary>
internal static class DynamoIdempotencyRecords
{
    /// <param name="newRequest">what a new key is for, completing "Use a new key for …" ("a new order").</param>
    public static async Task<IResult?> FindReplayAsync(
        DynamoTable table, Guid customerId, string key, string requestHash, string newRequest, CancellationToken cancellationToken)
    {
        var response = await table.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table.Name, Key = DynamoOrderItems.IdempotencyKey(customerId, key), ConsistentRead = true,
        }, cancellationToken);
        if (response.Item is not { Count: > 0 } record)
        {
            return null;
        }
        if (record.Str("RequestHash") != requestHash)
        {
            return TypedResults.Problem(
                $"This Idempotency-Key was already used for a different request. Use a new key for {newRequest}.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused", type: ProblemTypes.IdempotencyKeyReused);
        }
        return new PlaceOrder.StoredResponse(record.Int("StatusCode"), record.Str("ResponseBody"), $"/api/orders/{record.Str("OrderId")}");
    }

    /// <summary>The record of a keyed request's answer, on condition that the key is new.</summary>
    public static TransactWriteItem Put(
        string tableName, Guid customerId, string key, string requestHash, Guid orderId, int statusCode, string body, DateTime now)
    {
        var record = DynamoOrderItems.IdempotencyKey(customerId, key);
        record["Kind"] = Attr.S("Idempotency");
        record["RequestHash"] = Attr.S(requestHash);
        record["OrderId"] = Attr.S(orderId.ToString());
        record["StatusCode"] = Attr.N(statusCode);
        record["ResponseBody"] = Attr.S(body);
        record["CreatedAt"] = Attr.Time(now);
        return new TransactWriteItem { Put = new Put { TableName = tableName, Item = record, ConditionExpression = "attribute_not_exists(PK)" } };
    }
}
