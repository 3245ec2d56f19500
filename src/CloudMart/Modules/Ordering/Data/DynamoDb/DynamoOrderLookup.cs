using CloudMart.Modules.Ordering.Contracts;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary><see cref="IOrderLookup"/> on DynamoDB: the orders by id in BatchGetItem calls, summarised as on SQLite.</summary>
internal sealed class DynamoOrderLookup(DynamoOrders orders) : IOrderLookup
{
    public async Task<IReadOnlyList<OrderSummary>> FindManyAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken) =>
        (await orders.FindManyAsync(orderIds, cancellationToken)).Select(OrderLookup.Summary).ToList();
}
