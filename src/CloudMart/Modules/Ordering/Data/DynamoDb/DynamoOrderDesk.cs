using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Observability;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// Reading and moving orders on DynamoDB. A move reads the order (strongly consistent), lets the aggregate decide,
/// then writes the order on condition that its version is still the one read, together with the stock it moves and
/// its event, in one TransactWriteItems. Losing a race to the payment workflow re-reads and decides again.
/// </summary>
internal sealed class DynamoOrderDesk(DynamoTable table, DynamoOrders orders, IStockTransactionParts stock, TimeProvider clock) : IOrderDesk
{
    private const int MaxAttempts = 3;

    public async Task<Results<Ok<PagedList<OrderView>>, ValidationProblem>> ListAsync(
        Guid? customerId, string? status, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        OrderStatus? wantedStatus = null;
        if (status is not null)
        {
            if (Enum.GetNames<OrderStatus>().FirstOrDefault(name => string.Equals(name, status, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                wantedStatus = Enum.Parse<OrderStatus>(name);
            }
            else
            {
                validation.Add("status", $"status must be one of: {string.Join(", ", Enum.GetNames<OrderStatus>())}.");
            }
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var whose = user.IsStaff() ? customerId : user.Id();
        var (items, total) = await orders.PageAsync(whose, wantedStatus, paging.Skip, paging.PageSize, cancellationToken);
        return TypedResults.Ok(new PagedList<OrderView>(items.Select(OrderView.From).ToList(), paging.Page, paging.PageSize, total));
    }

    public async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await FindVisibleAsync(id, user, cancellationToken) is { } order ? TypedResults.Ok(OrderView.From(order)) : OrderAccess.NotFound();

    /// <summary><c>ORDERNUMBER#{number}</c> names the order (one consistent read), then the order is read as by id.</summary>
    public async Task<Results<Ok<OrderView>, ProblemHttpResult>> FindByNumberAsync(string number, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (IOrderDesk.NormaliseNumber(number) is not { } wanted)
        {
            return OrderAccess.NotFound();
        }
        var pointer = await table.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table.Name, Key = DynamoOrderItems.NumberKey(wanted), ConsistentRead = true, ProjectionExpression = "OrderId",
        }, cancellationToken);
        return pointer.Item is { Count: > 0 } item ? await GetAsync(item.Guid("OrderId"), user, cancellationToken) : OrderAccess.NotFound();
    }

    public async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var why = validation.OptionalText(reason, "reason", 500);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var result = await MoveAsync(id, user, (order, now) =>
        {
            var heldStock = order.HoldsReservation;
            if (order.Cancel(why ?? (user.Id() == order.CustomerId ? "Cancelled by the customer" : "Cancelled by staff"), now) is { } broken)
            {
                return (broken, []);
            }
            var items = new List<TransactWriteItem>(heldStock ? stock.Release(Lines(order), now) : [])
            {
                DynamoEvents.Put(table.Name, new OrderCancelled(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId, why)),
            };
            return (null, items);
        }, "The order changed while you were cancelling it. Read it again and retry.", cancellationToken);
        if (result.Result is Ok<OrderView>)
        {
            CloudMartTelemetry.OrdersCancelled.Add(1);
        }
        return result;
    }

    public async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> ShipAsync(
        Guid id, string? carrier, string? trackingNumber, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var shipper = validation.OptionalText(carrier, "carrier", 100);
        var tracking = validation.OptionalText(trackingNumber, "trackingNumber", 100);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await MoveAsync(id, user, (order, now) =>
            order.Ship(shipper, tracking, now) is { } broken
                ? (broken, [])
                : (null, [.. stock.Ship(Lines(order), now),
                    DynamoEvents.Put(table.Name, new OrderShipped(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId, shipper, tracking))]),
            "The order changed at the same moment. Read it again and retry.", cancellationToken);
    }

    public Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> DeliverAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        MoveAsync(id, user, (order, now) =>
            order.Deliver(now) is { } broken
                ? (broken, [])
                : (null, [DynamoEvents.Put(table.Name, new OrderDelivered(Guid.CreateVersion7(), now, order.Id, order.Number, order.CustomerId))]),
            "The order changed at the same moment. Read it again and retry.", cancellationToken);

    private async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, ClaimsPrincipal user, Func<Order, DateTime, (BrokenRule? Broken, IReadOnlyList<TransactWriteItem> Items)> move,
        string lostRace, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var order = await FindVisibleAsync(id, user, cancellationToken);
            if (order is null)
            {
                return OrderAccess.NotFound();
            }
            var readVersion = order.Version;
            var readStatus = order.Status;
            var now = clock.GetUtcNow().UtcDateTime;
            var (broken, items) = move(order, now);
            if (broken is not null)
            {
                return OrderAccess.Refused(broken);
            }
            var outcome = await DynamoTransactions.TryWriteAsync(table,
                [DynamoOrderItems.PutIfUnchanged(table.Name, order, readVersion), .. items, .. DynamoSalesFigures.Moved(table.Name, order, readStatus)],
                cancellationToken);
            if (outcome.Committed)
            {
                await stock.CommittedAsync(order.Lines.Select(l => l.ProductId).ToList(), cancellationToken);
                return TypedResults.Ok(OrderView.From(order));
            }
            if (!outcome.FailedConditions.Contains(0))
            {
                throw new InvalidOperationException($"Moving order {order.Number} was refused by a stock condition: the reservation it holds is not there.");
            }
        }
        return ProblemTypes.ConflictProblem(lostRace);
    }

    private async Task<Order?> FindVisibleAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(id, cancellationToken);
        return order is not null && (user.IsStaff() || order.CustomerId == user.Id()) ? order : null;
    }

    private static List<StockLine> Lines(Order order) => order.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList();
}
