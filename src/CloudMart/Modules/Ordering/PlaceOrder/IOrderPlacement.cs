namespace CloudMart.Modules.Ordering.PlaceOrder;

/// <summary>
/// Placing an order: one port with a relational adapter (<see cref="OrderPlacement"/>, one database transaction) and a
/// DynamoDB adapter (<see cref="Data.DynamoDb.DynamoOrderPlacement"/>, one TransactWriteItems). Same rules, same answers.
/// </summary>
internal interface IOrderPlacement
{
    Task<IResult> PlaceAsync(Guid customerId, PlaceOrderInput input, string? idempotencyKey, CancellationToken cancellationToken);
}
