using Amazon.SQS;
using Microsoft.Extensions.DependencyInjection;
using Amazon.SQS.Model;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Messaging.Broker;
using CloudMart.Tests.Pipeline;

namespace CloudMart.Tests.Aws;

/// <summary>A uniquely named queue on the emulator the test script starts (moto serves SQS beside DynamoDB).</summary>
public sealed class QueueUnderTest(bool fifo)
{
    public string Name { get; } = "cm-test-" + Guid.NewGuid().ToString("N")[..12] + (fifo ? ".fifo" : "");

    public bool Fifo => fifo;

    public string Url { get; private set; } = "";

    // The emulator serves one request at a time for every test on a busy machine: patience, not speed, is tested.
    internal static IAmazonSQS Client() => SqsPublisher.CreateClient(new SqsOptions { ServiceUrl = DynamoShop.ServiceUrl, Region = "us-east-1", RequestTimeoutSeconds = 120 });

    public async Task CreateAsync()
    {
        using var sqs = Client();
        var attributes = fifo ? new Dictionary<string, string> { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "false" } : [];
        Url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = Name, Attributes = attributes })).QueueUrl;
    }

    public async Task DeleteAsync()
    {
        using var sqs = Client();
        await sqs.DeleteQueueAsync(Url);
    }

    public IDictionary<string, string?> With(IDictionary<string, string?> settings)
    {
        settings["CloudMart:Broker:Sqs:QueueUrl"] = Url;
        settings["CloudMart:Broker:Sqs:ServiceUrl"] = DynamoShop.ServiceUrl;
        settings["CloudMart:Broker:Sqs:Region"] = "us-east-1";
        settings["CloudMart:Broker:Sqs:RequestTimeoutSeconds"] = "120"; // moto serves one request at a time on a busy machine
        return PipelineSettings.With(settings);
    }

    /// <summary>
    /// Receives (and deletes, so a FIFO group moves on) every message until <paramref name="enough"/> holds for those
    /// kept by <paramref name="keep"/>, or the time is up; then a last empty-handed receive proves nothing more is coming.
    /// </summary>
    public async Task<List<Message>> ReceiveAsync(Func<Message, bool> keep, Func<List<Message>, bool> enough, TimeSpan patience)
    {
        using var sqs = Client();
        var kept = new List<Message>();
        var deadline = DateTime.UtcNow + patience;
        var quietRounds = 0;
        while (DateTime.UtcNow < deadline && (!enough(kept) || quietRounds < 2))
        {
            var batch = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = Url,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["All"],
            })).Messages ?? [];
            quietRounds = batch.Count == 0 && enough(kept) ? quietRounds + 1 : 0;
            if (batch.Count > 0)
            {
                await sqs.DeleteMessageBatchAsync(Url, [.. batch.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle))]);
            }
            kept.AddRange(batch.Where(keep));
        }
        return kept;
    }
}

public sealed class SqliteFifoQueueShop : SqliteShop
{
    public QueueUnderTest Queue { get; } = new(fifo: true);

    protected override IDictionary<string, string?> Settings => Queue.With(base.Settings);

    public override async Task InitializeAsync()
    {
        await Queue.CreateAsync();
        await base.InitializeAsync();
    }

    protected override Task DropDatabaseAsync() => Queue.DeleteAsync();
}

public sealed class PostgresFifoQueueShop : PostgresShop
{
    public QueueUnderTest Queue { get; } = new(fifo: true);

    protected override IDictionary<string, string?> Settings => Queue.With(base.Settings);

    public override async Task InitializeAsync()
    {
        await Queue.CreateAsync();
        await base.InitializeAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        await Queue.DeleteAsync();
    }
}

public sealed class SqliteStandardQueueShop : SqliteShop
{
    public QueueUnderTest Queue { get; } = new(fifo: false);

    protected override IDictionary<string, string?> Settings => Queue.With(base.Settings);

    public override async Task InitializeAsync()
    {
        await Queue.CreateAsync();
        await base.InitializeAsync();
    }

    protected override Task DropDatabaseAsync() => Queue.DeleteAsync();
}

public sealed class PostgresStandardQueueShop : PostgresShop
{
    public QueueUnderTest Queue { get; } = new(fifo: false);

    protected override IDictionary<string, string?> Settings => Queue.With(base.Settings);

    public override async Task InitializeAsync()
    {
        await Queue.CreateAsync();
        await base.InitializeAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        await Queue.DeleteAsync();
    }
}

/// <summary>
/// With <c>CloudMart:Broker:Sqs:QueueUrl</c> set, every integration event also goes to Amazon SQS: the event type and
/// id as message attributes, the event as the body; on a FIFO queue the event id is the deduplication id and the
/// event's stream (its order) the message group.
/// </summary>
public abstract class SqsPublishing(ShopFactory shop, QueueUnderTest queue)
{
    private readonly Api _api = shop.Api();

    private static string Attribute(Message message, string name) => message.MessageAttributes[name].StringValue;

    [Fact]
    public async Task A_placed_order_reaches_the_queue_as_its_placed_and_confirmed_events_with_type_and_event_id()
    {
        var product = await _api.ProductAsync(stock: 5);
        var buyer = await _api.CustomerAsync();

        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1));

        var orderId = order.GetProperty("id").GetString()!;
        bool OfThisOrder(Message m) => JsonDocument.Parse(m.Body).RootElement.GetProperty("data").TryGetProperty("orderId", out var id) && id.GetString() == orderId;
        var mine = await queue.ReceiveAsync(OfThisOrder, kept => kept.Count >= 2, TimeSpan.FromMinutes(3));

        var types = mine.Select(m => Attribute(m, SqsPublisher.EventTypeAttribute)).ToArray();
        // A FIFO queue keeps one order's events in order; a standard queue promises no order.
        Assert.Equal(["OrderPlaced", "OrderConfirmed"], queue.Fifo ? types : [.. types.OrderByDescending(t => t, StringComparer.Ordinal)]);
        foreach (var message in mine)
        {
            var body = JsonDocument.Parse(message.Body).RootElement;
            Assert.Equal(body.GetProperty("id").GetString(), Attribute(message, SqsPublisher.EventIdAttribute));
            Assert.Equal(Attribute(message, SqsPublisher.EventTypeAttribute), body.GetProperty("type").GetString());
            Assert.Equal(order.GetProperty("number").GetString(), body.GetProperty("data").GetProperty("number").GetString());
            if (queue.Fifo)
            {
                Assert.Equal(orderId, message.Attributes["MessageGroupId"]);
                Assert.Equal(Attribute(message, SqsPublisher.EventIdAttribute), message.Attributes["MessageDeduplicationId"]);
            }
        }
        var ready = await (await _api.Anonymous().GetAsync("/health/ready")).Json();
        Assert.Contains(ready.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "sqs" && c.GetProperty("status").GetString() == "Healthy");
    }

    [Fact]
    public async Task An_event_the_relay_delivers_twice_is_one_message_on_a_fifo_queue_and_two_with_one_event_id_on_a_standard_queue()
    {
        var placed = new OrderPlaced(Guid.NewGuid(), DateTime.UtcNow, Guid.NewGuid(), "CM-TWICE", Guid.NewGuid(), [new OrderedLine(Guid.NewGuid(), "SKU-TWICE", 1, 10m)], 10m, "USD");

        // What the relay does when an event is delivered again (a crash before its delivery was recorded): the same
        // handler, the same event.
        for (var delivery = 0; delivery < 2; delivery++)
        {
            using var scope = shop.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<PublishToSqs<OrderPlaced>>().HandleAsync(placed, null!, CancellationToken.None);
        }

        var expected = queue.Fifo ? 1 : 2;
        var copies = await queue.ReceiveAsync(
            m => Attribute(m, SqsPublisher.EventIdAttribute) == placed.EventId.ToString(), kept => kept.Count >= expected, TimeSpan.FromMinutes(2));
        Assert.Equal(expected, copies.Count);
        Assert.All(copies, m => Assert.Equal("OrderPlaced", Attribute(m, SqsPublisher.EventTypeAttribute)));
    }
}

public sealed class SqsFifoPublishingOnSqlite(SqliteFifoQueueShop shop) : SqsPublishing(shop, shop.Queue), IClassFixture<SqliteFifoQueueShop>;

public sealed class SqsFifoPublishingOnPostgres(PostgresFifoQueueShop shop) : SqsPublishing(shop, shop.Queue), IClassFixture<PostgresFifoQueueShop>;

public sealed class SqsStandardPublishingOnSqlite(SqliteStandardQueueShop shop) : SqsPublishing(shop, shop.Queue), IClassFixture<SqliteStandardQueueShop>;

public sealed class SqsStandardPublishingOnPostgres(PostgresStandardQueueShop shop) : SqsPublishing(shop, shop.Queue), IClassFixture<PostgresStandardQueueShop>;

/// <summary>A queue configured but missing or out of reach: /health/ready says so, and a send is a retry, not a loss.</summary>
public sealed class SqsReadiness
{
    private sealed class QueueShop(string queueUrl, string serviceUrl) : SqliteShop
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["CloudMart:Broker:Sqs:QueueUrl"] = queueUrl,
            ["CloudMart:Broker:Sqs:ServiceUrl"] = serviceUrl,
            ["CloudMart:Broker:Sqs:Region"] = "us-east-1",
            ["CloudMart:Broker:Sqs:MaxErrorRetry"] = "0",
        };
    }

    private static async Task<JsonElement> SqsCheckAsync(ShopFactory shop)
    {
        var response = await shop.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        return (await response.Json()).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sqs");
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_makes_the_shop_unready_naming_it()
    {
        var missing = $"{DynamoShop.ServiceUrl}/123456789012/cm-missing-{Guid.NewGuid():N}.fifo";
        await using var shop = new QueueShop(missing, DynamoShop.ServiceUrl);

        var check = await SqsCheckAsync(shop);

        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal($"SQS queue {missing} does not exist.", check.GetProperty("Description").GetString());
    }

    [Fact]
    public async Task An_unreachable_endpoint_makes_the_shop_unready_and_a_send_a_transient_failure_the_relay_retries()
    {
        const string nobody = "http://127.0.0.1:9"; // the discard port: nothing listens there
        await using var shop = new QueueShop($"{nobody}/123456789012/cm-nowhere", nobody);

        var check = await SqsCheckAsync(shop);

        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.StartsWith($"SQS queue {nobody}/123456789012/cm-nowhere cannot be reached", check.GetProperty("Description").GetString(), StringComparison.Ordinal);
        var placed = new OrderPlaced(Guid.NewGuid(), DateTime.UtcNow, Guid.NewGuid(), "CM-NOWHERE", Guid.NewGuid(), [], 0m, "USD");
        await Assert.ThrowsAsync<TransientEventFailure>(() => shop.Services.GetRequiredService<SqsPublisher>().PublishAsync(placed, "OrderPlaced", CancellationToken.None));
    }
}
