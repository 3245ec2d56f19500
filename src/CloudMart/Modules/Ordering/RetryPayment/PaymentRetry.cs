using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using CloudMart.Modules.Ordering.PlaceOrder;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Ordering.RetryPayment;

internal sealed record RetryPaymentInput(string? PaymentToken);

/// <summary>
/// Pays a declined order again with another card, in ONE transaction: the order's lines are reserved again with the
/// inventory's conditional update (all or nothing, never overselling), the order goes back to Placed as its next
/// payment attempt (recorded in its history), the idempotency record keeps the response, and OrderPaymentRetried is
/// appended to the outbox for the payment workflow. A line no longer on sale or short of stock refuses it all,
/// naming the SKUs. Two retries at once cannot both win: the order's version lets one commit, and the other reads
/// the winner's answer (same Idempotency-Key) or finds the order no longer declined.
/// </summary>
internal sealed partial class PaymentRetry(
    OrderingDbContext db,
    ICatalog catalog,
    IInventory inventory,
    Outbox outbox,
    UnitOfWork unitOfWork,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock,
    ILogger<PaymentRetry> logger) : IPaymentRetry
{
    private const int MaxAttempts = 3;

    /// <summary>What a new key is for, completing the 422's "Use a new key for …".</summary>
    internal const string NewRequest = "a new payment attempt";

    public async Task<IResult> RetryAsync(Guid customerId, Guid orderId, RetryPaymentInput? input, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var token = Validate(input, idempotencyKey, validation);
        if (token is null || !validation.IsValid)
        {
            return validation.Problem();
        }
        var requestHash = Hash(orderId, token);
        for (var attempt = 1; ; attempt++)
        {
            if (idempotencyKey is not null && await db.FindReplayAsync(customerId, idempotencyKey, requestHash, NewRequest, cancellationToken) is { } earlier)
            {
                return earlier;
            }
            try
            {
                var result = await unitOfWork.ExecuteAsync(ct => RetryInTransactionAsync(customerId, orderId, token, idempotencyKey, requestHash, ct), cancellationToken);
                if (result is RetriedPayment retried)
                {
                    LogRetried(retried.Order.Number, retried.Order.PaymentAttempt);
                }
                return result;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another retry of this order committed first (its version moved, or its key was taken): decide again
                // on the fresh order, which answers with the winner's response or says the order is no longer declined.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<IResult> RetryInTransactionAsync(
        Guid customerId, Guid orderId, string token, string? idempotencyKey, string requestHash, CancellationToken ct)
    {
        if (db is PostgresOrderingDbContext)
        {
            // Concurrent retries of one order queue here, so the second reads the first's outcome (its status and its
            // idempotency record) instead of racing it for the stock. SQLite's single writer already queues them.
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM ordering_orders WHERE "Id" = {orderId} FOR UPDATE""", ct);
        }
        if (idempotencyKey is not null && await db.FindReplayAsync(customerId, idempotencyKey, requestHash, NewRequest, ct) is { } earlier)
        {
            return earlier;
        }
        // Only the order's own customer pays for it: to anyone else (staff included) it does not exist here.
        var order = await db.Orders.AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId && o.CustomerId == customerId, ct);
        if (order is null)
        {
            return OrderAccess.NotFound();
        }
        if (order.CheckCanRetryPayment() is { } notDeclined)
        {
            return OrderAccess.Refused(notDeclined);
        }
        var gone = await NoLongerOnSaleAsync(catalog, order, ct);
        var shortSkus = gone.Count > 0
            ? []
            : await inventory.TryReserveAsync(order.Lines.Select(l => new StockLine(l.ProductId, l.Sku, l.Quantity)).ToList(), ct);
        if (gone.Count > 0 || shortSkus.Count > 0)
        {
            return NoLongerAvailable(order, gone.Concat(shortSkus).ToList());
        }
        var now = clock.GetUtcNow();
        order.RetryPayment(token, now.UtcDateTime);
        outbox.Append(new OrderPaymentRetried(Guid.CreateVersion7(now), now.UtcDateTime, order.Id, order.Number, order.CustomerId,
            order.PaymentAttempt, order.Total, order.Currency));
        var view = OrderView.From(order);
        var body = JsonSerializer.Serialize(view, json.Value.SerializerOptions);
        db.RecordAnswer(customerId, idempotencyKey, requestHash, order.Id, StatusCodes.Status200OK, body, now.UtcDateTime);
        return new RetriedPayment(view, body);
    }

    /// <summary>The input's rules, shared by both stores' adapters; returns the payment token (null when invalid).</summary>
    internal static string? Validate(RetryPaymentInput? input, string? idempotencyKey, Validation validation)
    {
        if (idempotencyKey is not null)
        {
            validation.Check(idempotencyKey.Length is > 0 and <= OrderPlacement.MaxIdempotencyKeyLength && !idempotencyKey.Any(char.IsControl),
                "Idempotency-Key", $"The Idempotency-Key header must be 1 to {OrderPlacement.MaxIdempotencyKeyLength} printable characters.");
        }
        return PlaceOrderRules.PaymentToken(input?.PaymentToken, validation);
    }

    /// <summary>The SKUs of the order's lines whose products are archived or gone from the catalog.</summary>
    internal static async Task<IReadOnlyList<string>> NoLongerOnSaleAsync(ICatalog catalog, Order order, CancellationToken ct)
    {
        var products = await catalog.FindForSaleAsync(order.Lines.Select(l => l.ProductId).ToList(), ct);
        return order.Lines.Where(l => !products.TryGetValue(l.ProductId, out var p) || p.IsArchived).Select(l => l.Sku).ToList();
    }

    /// <summary>409 naming the lines that cannot be had again; nothing was reserved.</summary>
    internal static ProblemHttpResult NoLongerAvailable(Order order, IReadOnlyList<string> skus)
    {
        var names = order.Lines.Where(l => skus.Contains(l.Sku)).Select(l => $"{l.Name} ({l.Sku})");
        return ProblemTypes.ConflictProblem(
            $"No longer available in the quantity you ordered: {string.Join(", ", names)}. Nothing was reserved or charged; " +
            "put the items back in your cart to order what is still available.",
            ProblemTypes.OutOfStock, new Dictionary<string, object?> { ["skus"] = skus });
    }

    /// <summary>The request a key stands for: this order, this token (a key reused for another order or card is a 422).</summary>
    internal static string Hash(Guid orderId, string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"retry-payment\n{orderId:N}\n{token}")));

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} is paid again: payment attempt {Attempt}, its stock reserved again")]
    private partial void LogRetried(string orderNumber, int attempt);
}

/// <summary>200 OK with the order (Placed again), serialised once so the idempotency record holds exactly what was sent.</summary>
internal sealed class RetriedPayment(OrderView order, string body) : IResult, IStatusCodeHttpResult
{
    public OrderView Order { get; } = order;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) =>
        new StoredResponse(StatusCodes.Status200OK, body, $"/api/orders/{Order.Id}").ExecuteAsync(httpContext);
}
