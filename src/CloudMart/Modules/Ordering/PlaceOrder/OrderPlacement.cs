using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.Pricing;
using CloudMart.Platform;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Ordering.PlaceOrder;

/// <summary>
/// Places an order in ONE transaction: prices the lines from the catalog, reserves stock with conditional updates,
/// writes the order as Placed with its history, stores the idempotency record with the response, empties the cart
/// when checking it out, and appends OrderPlaced to the outbox. Any refusal rolls all of it back.
/// </summary>
internal sealed partial class OrderPlacement(
    OrderingDbContext db,
    ICatalog catalog,
    IInventory inventory,
    ICartCheckout cart,
    Outbox outbox,
    UnitOfWork unitOfWork,
    IOptions<PricingOptions> pricing,
    IOptions<StoreOptions> store,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    ILogger<OrderPlacement> logger) : IOrderPlacement
{
    public const int MaxIdempotencyKeyLength = 200;

    public async Task<IResult> PlaceAsync(Guid customerId, PlaceOrderInput input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (idempotencyKey is not null)
        {
            validation.Check(idempotencyKey.Length is > 0 and <= MaxIdempotencyKeyLength && !idempotencyKey.Any(char.IsControl),
                "Idempotency-Key", $"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} printable characters.");
        }
        var request = PlaceOrderRules.Validate(input, pricing.Value, validation);
        if (request is null || !validation.IsValid)
        {
            return validation.Problem();
        }
        var requestHash = Hash(input);
        if (idempotencyKey is not null && await db.FindReplayAsync(customerId, idempotencyKey, requestHash, "a new order", cancellationToken) is { } earlier)
        {
            return earlier;
        }
        try
        {
            var result = await unitOfWork.ExecuteAsync(
                ct => PlaceInTransactionAsync(customerId, request, idempotencyKey, requestHash, ct), cancellationToken);
            if (result is PlacedOrder placed)
            {
                CloudMartTelemetry.OrdersPlaced.Add(1);
                CloudMartTelemetry.OrderValue.Record((double)placed.Order.Total);
                LogPlaced(placed.Order.Number, placed.Order.Items.Count);
            }
            return result;
        }
        catch (DbUpdateException e) when (idempotencyKey is not null && DatabaseErrors.IsUniqueViolation(e))
        {
            // A concurrent request with the same key won the race; answer with its response.
            return await db.FindReplayAsync(customerId, idempotencyKey, requestHash, "a new order", cancellationToken)
                ?? throw new InvalidOperationException("The idempotency record that won the race is missing.", e);
        }
    }

    private async Task<IResult> PlaceInTransactionAsync(
        Guid customerId, ValidOrderRequest request, string? idempotencyKey, string requestHash, CancellationToken ct)
    {
        if (idempotencyKey is not null && await db.FindReplayAsync(customerId, idempotencyKey, requestHash, "a new order", ct) is { } earlier)
        {
            return earlier;
        }
        var fromCart = request.Items is null;
        var wanted = request.Items ?? (await cart.LinesAsync(customerId, ct)).Select(l => (l.ProductId, l.Quantity)).ToList();
        var validation = new Validation();
        if (wanted.Count == 0)
        {
            validation.Add("items", "Your cart is empty: add products to it, or send items.");
            return validation.Problem();
        }
        var products = await catalog.FindForSaleAsync(wanted.Select(w => w.ProductId).ToList(), ct);
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
        var shortSkus = await inventory.TryReserveAsync(lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList(), ct);
        if (shortSkus.Count > 0)
        {
            CloudMartTelemetry.OrdersRefusedForStock.Add(1);
            return ProblemTypes.ConflictProblem(
                $"Not enough stock for: {string.Join(", ", shortSkus)}. Nothing was reserved; lower the quantities and try again.",
                ProblemTypes.OutOfStock, new Dictionary<string, object?> { ["skus"] = shortSkus });
        }

        var now = clock.GetUtcNow();
        var totals = OrderPricing.Price(lines, request.Address.Country, pricing.Value);
        var sequence = await OrderNumbers.NextAsync(db, ct);
        var order = Order.Place(Guid.CreateVersion7(now), sequence, customerId, lines, totals, store.Value.Currency,
            request.Address, request.PaymentToken, now.UtcDateTime);
        db.Orders.Add(order);
        outbox.Append(new OrderPlaced(Guid.CreateVersion7(now), now.UtcDateTime, order.Id, order.Number, customerId,
            lines.Select(l => new OrderedLine(l.ProductId, l.Sku, l.Quantity, l.UnitPrice)).ToList(), order.Total, order.Currency));
        if (fromCart)
        {
            await cart.ClearAsync(customerId, ct);
        }
        var view = OrderView.From(order);
        var body = JsonSerializer.Serialize(view, json.Value.SerializerOptions);
        db.RecordAnswer(customerId, idempotencyKey, requestHash, order.Id, StatusCodes.Status201Created, body, now.UtcDateTime);
        return new PlacedOrder(view, body);
    }

    internal static string Hash(PlaceOrderInput input) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input, JsonSerializerOptions.Web))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} placed with {LineCount} line(s)")]
    private partial void LogPlaced(string orderNumber, int lineCount);
}

/// <summary>201 Created with the order, serialised once so the idempotency record holds exactly what was sent.</summary>
internal sealed class PlacedOrder(OrderView order, string body) : IResult, IStatusCodeHttpResult
{
    public OrderView Order { get; } = order;

    public int? StatusCode => StatusCodes.Status201Created;

    public Task ExecuteAsync(HttpContext httpContext) =>
        new StoredResponse(StatusCodes.Status201Created, body, $"/api/orders/{Order.Id}").ExecuteAsync(httpContext);
}

/// <summary>A response replayed from the idempotency record.</summary>
internal sealed class StoredResponse(int statusCode, string body, string location) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    /// <summary>Where the replayed order lives, so a page can send a shopper who resubmitted to the order itself.</summary>
    public string Location => location;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.Headers.Location = location;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await httpContext.Response.WriteAsync(body);
    }
}
