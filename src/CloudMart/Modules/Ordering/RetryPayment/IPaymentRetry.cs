namespace CloudMart.Modules.Ordering.RetryPayment;

/// <summary>
/// Paying a declined order again: a relational adapter (<see cref="PaymentRetry"/>, one database transaction) and a
/// DynamoDB adapter (<see cref="Data.DynamoDb.DynamoPaymentRetry"/>, one TransactWriteItems). Same rules, same answers.
/// </summary>
internal interface IPaymentRetry
{
    Task<IResult> RetryAsync(Guid customerId, Guid orderId, RetryPaymentInput? input, string? idempotencyKey, CancellationToken cancellationToken);
}
