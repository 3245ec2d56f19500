using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.PlaceOrder;
using CloudMart.Modules.Ordering.Pricing;
using CloudMart.Platform;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Observability;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Ordering.Data.DynamoDb;

/// <summary>
/// Places an order on DynamoDB in ONE TransactWriteItems: a conditional update per stock line (available ≥ quantity),
/// the order (attribute_not_exists), its unique number, the idempotency record with the response, and the
/// OrderPlaced event item that the table's stream carries to the handlers (the outbox). A failed condition cancels
/// all of it; which condition failed says why: stock (409 naming the SKUs) or a concurrent request with the same key
/// (its stored response is replayed).
/// </summary>
internal sealed partial class DynamoOrderPlacement(
    DynamoTable table,
    DynamoOrders orders,
    ICatalog catalog,
    IStockTransactionParts stock,
    ICartCheckout cart,
    IOptions<PricingOptions> pricing,
    IOptions<StoreOptions> store,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    ILogger<DynamoOrderPlacement> logger) : IOrderPlacement
{
    /// <summary>Items besides the stock lines: the order, its number, the idempotency record, the event and the day's sales figures.</summary>
    public const int FixedItems = 5;

    /// <summary>Most lines one order may have here: DynamoDB's 100 items per transaction less the fixed ones.</summary>
    public const int MaxLines = DynamoTransactions.MaxItems - FixedItems;

    public async Task<IResult> PlaceAsync(Guid customerId, PlaceOrderInput input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (idempotencyKey is not null)
        {
            validation.Check(idempotencyKey.Length is > 0 and <= OrderPlacement.MaxIdempotencyKeyLength && !idempotencyKey.Any(char.IsControl),
                "Idempotency-Key", $"The Idempotency-Key header must be 1 to {OrderPlacement.MaxIdempotencyKeyLength} printable characters.");
        }
        var request = PlaceOrderRules.Validate(input, pricing.Value, validation);
        if (request is null || !validation.IsValid)
        {
            return validation.Problem();
        }
        var requestHash = OrderPlacement.Hash(input);
        if (idempotencyKey is not null && await FindReplayAsync(customerId, idempotencyKey, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        var fromCart = request.Items is null;
        var wanted = request.Items ?? (await cart.LinesAsync(customerId, cancellationToken)).Select(l => (l.ProductId, l.Quantity)).ToList();
        if (wanted.Count == 0)
        {
            validation.Add("items", "Your cart is empty: add products to it, or send items.");
            return validation.Problem();
        }
        if (wanted.Count > MaxLines)
        {
            validation.Add("items", $"An order has at most {MaxLines} lines here: DynamoDB writes an order in one transaction of at most {DynamoTransactions.MaxItems} items. Split the order.");
            return validation.Problem();
        }
        var products = await catalog.FindForSaleAsync(wanted.Select(w => w.ProductId).ToList(), cancellationToken);
        var lines = new List<OrderLine>(wanted.Count);
        for (var i = 0; i < wanted.Count; i++)
        {
            var (productId, quantity) = wanted[i];
            if (!products.TryGetValue(productId, out var product) || product.IsArchived)
            {
                validation.Add($"items[{i}].productId", $"Product {productId} is not on sale.");
                continue;
            }
            lines.Add(new OrderLine { ProductId = productId, Sku = product.Sku, Name = product.Name, UnitPrice = product.Price, Quantity = quantity });
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = clock.GetUtcNow();
        var totals = OrderPricing.Price(lines, request.Address.Country, pricing.Value);
        var sequence = await orders.NextSequenceAsync(now.UtcDateTime, cancellationToken);
        var order = Order.Place(Guid.CreateVersion7(now), sequence, customerId, lines, totals, store.Value.Currency,
            request.Address, request.PaymentToken, now.UtcDateTime);
        var view = OrderView.From(order);
        var body = JsonSerializer.Serialize(view, json.Value.SerializerOptions);

        var stockLines = lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList();
        var items = new List<TransactWriteItem>(stock.Reserve(stockLines, now.UtcDateTime))
        {
            new() { Put = new Put { TableName = table.Name, Item = DynamoOrderItems.ToItem(order), ConditionExpression = "attribute_not_exists(PK)" } },
            new()
            {
                Put = new Put
                {
                    TableName = table.Name,
                    Item = new(DynamoOrderItems.NumberKey(order.Number))
                    {
                        ["Kind"] = Attr.S("OrderNumber"), ["CustomerId"] = Attr.S(customerId.ToString()), ["OrderId"] = Attr.S(order.Id.ToString()),
                    },
                    ConditionExpression = "attribute_not_exists(PK)",
                },
            },
            DynamoEvents.Put(table.Name, new OrderPlaced(Guid.CreateVersion7(now), now.UtcDateTime, order.Id, order.Number, customerId,
                lines.Select(l => new OrderedLine(l.ProductId, l.Sku, l.Quantity, l.UnitPrice)).ToList(), order.Total, order.Currency)),
        };
        var idempotencyIndex = -1;
        if (idempotencyKey is not null)
        {
            idempotencyIndex = items.Count;
            items.Add(DynamoIdempotencyRecords.Put(table.Name, customerId, idempotencyKey, requestHash, order.Id, StatusCodes.Status201Created, body, now.UtcDateTime));
        }
        items.AddRange(DynamoSalesFigures.Moved(table.Name, order, from: null));

        var outcome = await DynamoTransactions.TryWriteAsync(table, items, cancellationToken);
        if (!outcome.Committed)
        {
            if (idempotencyKey is not null && outcome.FailedConditions.Contains(idempotencyIndex))
            {
                // A concurrent request with the same key won the race; answer with its response.
                return await FindReplayAsync(customerId, idempotencyKey, requestHash, cancellationToken)
                    ?? throw new InvalidOperationException("The idempotency record that won the race is missing.");
            }
            var shortSkus = outcome.FailedConditions.Where(i => i < stockLines.Count).Select(i => stockLines[i].Sku).Distinct().ToList();
            if (shortSkus.Count == 0)
            {
                throw new InvalidOperationException($"Placing order {order.Number} was refused by a condition that is not stock: {string.Join(", ", outcome.FailedConditions)}.");
            }
            CloudMartTelemetry.OrdersRefusedForStock.Add(1);
            return ProblemTypes.ConflictProblem(
                $"Not enough stock for: {string.Join(", ", shortSkus)}. Nothing was reserved; lower the quantities and try again.",
                ProblemTypes.OutOfStock, new Dictionary<string, object?> { ["skus"] = shortSkus });
        }
        await stock.CommittedAsync(stockLines.Select(l => l.ProductId).ToList(), cancellationToken);
        if (fromCart)
        {
            // The cart stays on the relational store; emptying it after the order committed is safe to repeat.
            await cart.ClearAsync(customerId, cancellationToken);
        }
        CloudMartTelemetry.OrdersPlaced.Add(1);
        CloudMartTelemetry.OrderValue.Record((double)order.Total);
        LogPlaced(order.Number, order.Lines.Count);
        return new PlacedOrder(view, body);
    }

    private Task<IResult?> FindReplayAsync(Guid customerId, string key, string requestHash, CancellationToken cancellationToken) =>
        DynamoIdempotencyRecords.FindReplayAsync(table, customerId, key, requestHash, "a new order", cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} placed with {LineCount} line(s) on DynamoDB")]
    private partial void LogPlaced(string orderNumber, int lineCount);
}
