using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Ordering.AuthorisePayment;

/// <summary>An order waiting for its payment: what the gateway is asked to authorise.</summary>
internal sealed record UnpaidOrder(Guid Id, decimal Total, string Currency, string PaymentToken, int Attempt);

/// <summary>
/// The store's side of the payment step, with a relational adapter (<see cref="OrderPayments"/>) and a DynamoDB one
/// (<see cref="Data.DynamoDb.DynamoPaymentSettlement"/>): which orders still await payment, and settling one —
/// Confirmed, or PaymentFailed with its stock released — exactly once, however often its event is delivered.
/// </summary>
internal interface IOrderPayments
{
    Task<IReadOnlyList<UnpaidOrder>> UnpaidAsync(IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken);

    /// <summary>Settles the order's payment for <paramref name="attempt"/>; a no-op if it has moved on (cancelled, another attempt, settled before).</summary>
    Task SettleAsync(Guid orderId, int attempt, PaymentOutcome outcome, HandlerContext context, CancellationToken cancellationToken);

    /// <summary>Settles many orders' first attempts in one commit (only where <see cref="SettlesInBatches"/>).</summary>
    Task SettleManyAsync(IReadOnlyList<OrderPlaced> events, IReadOnlyDictionary<Guid, PaymentOutcome> outcomes, BatchContext context, CancellationToken cancellationToken);

    bool SettlesInBatches { get; }
}
