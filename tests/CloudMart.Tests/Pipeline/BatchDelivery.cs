using System.Collections.Concurrent;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Pipeline;

/// <summary>A handler whose batch method always fails: its events must still be handled, one at a time, once each.</summary>
internal sealed class FailingBatchHandler : IBatchEventHandler<OrderPlaced>
{
    public static ConcurrentBag<Guid> HandledAlone { get; } = [];

    public static ConcurrentBag<Guid> OfferedInBatches { get; } = [];

    public Task HandleAsync(OrderPlaced integrationEvent, HandlerContext context, CancellationToken cancellationToken)
    {
        HandledAlone.Add(integrationEvent.OrderId);
        return Task.CompletedTask;
    }

    public Task HandleBatchAsync(IReadOnlyList<OrderPlaced> events, BatchContext context, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            OfferedInBatches.Add(e.OrderId);
        }
        throw new InvalidOperationException("This batch always fails (test).");
    }
}

/// <summary>The relay is driven by hand here, so each test decides exactly which events form a batch.</summary>
internal static class BatchShop
{
    public const string FailingHandler = "test.failing-batch";

    public static IDictionary<string, string?> Settings(IDictionary<string, string?> settings)
    {
        PipelineSettings.With(settings);
        settings["CloudMart:Relay:Enabled"] = "false";
        return settings;
    }

    public static void Configure(IWebHostBuilder builder)
    {
        PipelineSettings.UseSwitchableGateway(builder);
        builder.ConfigureTestServices(services => services.AddScoped<FailingBatchHandler>());
    }
}

public sealed class SqliteBatchShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => BatchShop.Settings(base.Settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        BatchShop.Configure(builder);
    }
}

public sealed class PostgresBatchShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => BatchShop.Settings(base.Settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        BatchShop.Configure(builder);
    }
}

/// <summary>
/// Handlers that take batches: one pass settles a whole claimed batch, an event that fails in it is retried on its
/// own, a batch that fails as a whole falls back to one event at a time, and a batch delivered twice changes nothing twice.
/// </summary>
public abstract class BatchDelivery(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private string MailFolder => Path.Combine(shop.DataDirectory, "mail");

    private async Task<List<OutboxMessage>> EventsAsync(string type, IEnumerable<Guid> orderIds)
    {
        var streams = orderIds.Select(id => id.ToString()).ToList();
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        return await db.Outbox.AsNoTracking().Where(o => o.Type == type && streams.Contains(o.StreamId)).OrderBy(o => o.Sequence).ToListAsync();
    }

    private async Task DispatchAsync(IReadOnlyList<OutboxMessage> messages)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventDispatcher>().DispatchAsync(messages, CancellationToken.None);
    }

    private async Task<int> InboxCountAsync(string handler, IEnumerable<OutboxMessage> messages)
    {
        var ids = messages.Select(m => m.EventId).ToList();
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        return await db.Inbox.CountAsync(i => i.Handler == handler && ids.Contains(i.EventId));
    }

    private async Task<(Customer Buyer, TestProduct Product, List<Guid> Paid, Guid Declined, Guid Unlucky)> PlaceSixAsync()
    {
        var product = await _api.ProductAsync(stock: 20);
        var buyer = await _api.CustomerAsync();
        var paid = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            paid.Add((await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)])).Json()).GetProperty("id").GetGuid());
        }
        var declined = (await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 2)], paymentToken: "tok_chargeDeclined")).Json()).GetProperty("id").GetGuid();
        var unlucky = (await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)])).Json()).GetProperty("id").GetGuid();
        return (buyer, product, paid, declined, unlucky);
    }

    private async Task<string> StatusAsync(HttpClient client, Guid orderId) =>
        (await (await client.GetAsync($"/api/orders/{orderId}")).Json()).GetProperty("status").GetString()!;

    [Fact]
    public async Task One_pass_settles_a_whole_batch_and_an_order_the_gateway_failed_is_retried_on_its_own()
    {
        var (buyer, product, paid, declined, unlucky) = await PlaceSixAsync();
        var gateway = shop.Services.GetRequiredService<SwitchableGateway>();
        gateway.BrokenFor[unlucky] = true;
        var placed = await EventsAsync("OrderPlaced", [.. paid, declined, unlucky]);
        Assert.Equal(6, placed.Count);

        await DispatchAsync(placed);

        foreach (var id in paid)
        {
            Assert.Equal("Confirmed", await StatusAsync(buyer.Client, id));
        }
        Assert.Equal("PaymentFailed", await StatusAsync(buyer.Client, declined));
        Assert.Equal("Placed", await StatusAsync(buyer.Client, unlucky));
        Assert.Equal(5, (await _api.StockAsync(product.Sku)).GetProperty("reserved").GetInt32()); // the declined order's 2 went back
        Assert.Equal(5, await InboxCountAsync("ordering.authorise-payment", placed));
        Assert.Equal(6, await InboxCountAsync("recommendations.order-placed", placed));
        var retry = (await EventsAsync("OrderPlaced", [unlucky])).Single();
        Assert.Null(retry.ProcessedAt);
        Assert.Equal(1, retry.Attempts);
        Assert.Contains("gateway is down", retry.LastError, StringComparison.Ordinal);
        Assert.All((await EventsAsync("OrderPlaced", [.. paid, declined])), m => Assert.NotNull(m.ProcessedAt));

        gateway.BrokenFor.TryRemove(unlucky, out _);
        await DispatchAsync([retry]);
        Assert.Equal("Confirmed", await StatusAsync(buyer.Client, unlucky));

        var settled = await EventsAsync("OrderConfirmed", [.. paid, unlucky]);
        settled.AddRange(await EventsAsync("OrderPaymentFailed", [declined]));
        await DispatchAsync(settled);
        foreach (var id in paid.Append(unlucky))
        {
            var number = (await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json()).GetProperty("number").GetString();
            Assert.Single(Directory.GetFiles(MailFolder, $"order-confirmed-{number}-*.eml"));
        }
        Assert.Equal(5, await InboxCountAsync("notifications.order-confirmed-email", settled));
        Assert.Equal(1, await InboxCountAsync("notifications.payment-failed-email", settled));
    }

    [Fact]
    public async Task A_batch_delivered_twice_changes_nothing_twice()
    {
        var (buyer, product, paid, declined, unlucky) = await PlaceSixAsync();
        var orders = paid.Append(declined).Append(unlucky).ToList();
        var placed = await EventsAsync("OrderPlaced", orders);
        await DispatchAsync(placed);
        var settled = (await EventsAsync("OrderConfirmed", orders)).Concat(await EventsAsync("OrderPaymentFailed", orders)).ToList();
        await DispatchAsync(settled);
        var mails = Directory.GetFiles(MailFolder).Length;
        var reserved = (await _api.StockAsync(product.Sku)).GetProperty("reserved").GetInt32();

        await DispatchAsync(placed); // as if the process died after the handlers ran but before the rows were marked
        await DispatchAsync(settled);

        foreach (var id in orders)
        {
            Assert.Equal(2, (await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json()).GetProperty("history").GetArrayLength());
        }
        Assert.Equal(reserved, (await _api.StockAsync(product.Sku)).GetProperty("reserved").GetInt32());
        Assert.Equal(mails, Directory.GetFiles(MailFolder).Length);
        Assert.Equal(5, (await EventsAsync("OrderConfirmed", orders)).Count);
        Assert.Equal(6, await InboxCountAsync("recommendations.order-placed", placed));
    }

    [Fact]
    public async Task A_batch_that_fails_as_a_whole_is_handled_one_event_at_a_time_once_each()
    {
        var subscriptions = shop.Services.GetRequiredService<EventSubscriptions>();
        lock (subscriptions)
        {
            if (subscriptions.Named(BatchShop.FailingHandler) is null)
            {
                subscriptions.On<OrderPlaced, FailingBatchHandler>(BatchShop.FailingHandler);
            }
        }
        var product = await _api.ProductAsync(stock: 10);
        var buyer = await _api.CustomerAsync();
        var orders = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            orders.Add((await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)])).Json()).GetProperty("id").GetGuid());
        }
        var placed = await EventsAsync("OrderPlaced", orders);

        await DispatchAsync(placed);
        await DispatchAsync(placed);

        Assert.Equal(orders.Order(), FailingBatchHandler.OfferedInBatches.Where(orders.Contains).Order()); // offered once as a batch
        Assert.Equal(orders.Order(), FailingBatchHandler.HandledAlone.Where(orders.Contains).Order()); // then once each, never again
        Assert.Equal(3, await InboxCountAsync(BatchShop.FailingHandler, placed));
        Assert.All(await EventsAsync("OrderPlaced", orders), m => Assert.NotNull(m.ProcessedAt));
    }
}

public sealed class BatchDeliveryOnSqlite(SqliteBatchShop shop) : BatchDelivery(shop), IClassFixture<SqliteBatchShop>;

public sealed class BatchDeliveryOnPostgres(PostgresBatchShop shop) : BatchDelivery(shop), IClassFixture<PostgresBatchShop>;
