using System.Text;
using Microsoft.AspNetCore.Hosting;
using RabbitMQ.Client;

namespace CloudMart.Tests.Pipeline;

/// <summary>The RabbitMQ server the test script starts.</summary>
internal static class TestBroker
{
    public static string Uri => Environment.GetEnvironmentVariable("CLOUDMART_TEST_RABBITMQ")
        ?? throw new InvalidOperationException("CLOUDMART_TEST_RABBITMQ is not set. Run the tests with scripts/test.sh, which starts RabbitMQ.");

    public static IDictionary<string, string?> With(IDictionary<string, string?> settings, string exchange)
    {
        settings["CloudMart:Broker:RabbitMq:Uri"] = Uri;
        settings["CloudMart:Broker:RabbitMq:Exchange"] = exchange;
        return PipelineSettings.With(settings);
    }
}

public sealed class SqliteBrokerShop : SqliteShop
{
    public string Exchange { get; } = "cloudmart.test." + Guid.NewGuid().ToString("N")[..8];

    protected override IDictionary<string, string?> Settings => TestBroker.With(base.Settings, Exchange);
}

public sealed class PostgresBrokerShop : PostgresShop
{
    public string Exchange { get; } = "cloudmart.test." + Guid.NewGuid().ToString("N")[..8];

    protected override IDictionary<string, string?> Settings => TestBroker.With(base.Settings, Exchange);
}

/// <summary>With a broker configured, every integration event reaches RabbitMQ, confirmed, with the event id as message id.</summary>
public abstract class BrokerPublishing(ShopFactory shop, string exchange)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task Order_events_are_published_to_the_topic_exchange_with_their_event_ids()
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestBroker.Uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "#");
        var product = await _api.ProductAsync(stock: 5);
        var buyer = await _api.CustomerAsync();

        var order = await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)])).Json();

        var orderId = order.GetProperty("id").GetString()!;
        var seen = new List<(string Type, string MessageId, JsonElement Body)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        bool OfThisOrder(JsonElement body) => body.GetProperty("data").TryGetProperty("orderId", out var id) && id.GetString() == orderId;
        while (seen.Count(s => OfThisOrder(s.Body)) < 2 && DateTime.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            if (message is null)
            {
                await Task.Delay(50);
                continue;
            }
            seen.Add((message.RoutingKey, message.BasicProperties.MessageId!, JsonDocument.Parse(Encoding.UTF8.GetString(message.Body.Span)).RootElement.Clone()));
        }
        var mine = seen.Where(s => OfThisOrder(s.Body)).ToList();
        Assert.Contains(seen, s => s.Type == "ProductCreated");
        Assert.Equal(["OrderConfirmed", "OrderPlaced"], mine.Select(m => m.Type).Order().ToArray());
        Assert.All(mine, m => Assert.Equal(m.MessageId, m.Body.GetProperty("id").GetString()));
        var ready = await (await _api.Anonymous().GetAsync("/health/ready")).Json();
        Assert.Contains(ready.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "rabbitmq" && c.GetProperty("status").GetString() == "Healthy");
    }
}

public sealed class BrokerPublishingOnSqlite(SqliteBrokerShop shop) : BrokerPublishing(shop, shop.Exchange), IClassFixture<SqliteBrokerShop>;

public sealed class BrokerPublishingOnPostgres(PostgresBrokerShop shop) : BrokerPublishing(shop, shop.Exchange), IClassFixture<PostgresBrokerShop>;
