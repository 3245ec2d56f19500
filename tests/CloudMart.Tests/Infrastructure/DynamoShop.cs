using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Tests.Infrastructure;

/// <summary>
/// The shop with Ordering, Inventory and Cart on DynamoDB (a uniquely named table in the emulator the test script
/// starts, deleted afterwards) and every other module on a fresh SQLite file.
/// </summary>
public class DynamoShop : ShopFactory
{
    private static int _shops;
    private readonly string _table = "cm-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// The emulator this shop's table lives in: scripts/test.sh starts two (CLOUDMART_TEST_DYNAMODB and
    /// CLOUDMART_TEST_DYNAMODB_MORE), and shops take them in turn, because each serves one request at a time.
    /// </summary>
    public string EmulatorUrl { get; } = Interlocked.Increment(ref _shops) % 2 == 0
        && Environment.GetEnvironmentVariable("CLOUDMART_TEST_DYNAMODB_MORE") is { Length: > 0 } more ? more : ServiceUrl;

    public override string Provider => "DynamoDb";

    public string TableName => _table;

    /// <summary>The emulator (moto_server) scripts/test.sh starts; see there.</summary>
    public static string ServiceUrl =>
        Environment.GetEnvironmentVariable("CLOUDMART_TEST_DYNAMODB")
        ?? throw new InvalidOperationException(
            "CLOUDMART_TEST_DYNAMODB is not set. Run the tests with scripts/test.sh, which starts moto_server and sets it.");

    /// <summary>A client of the emulator this shop's table is in.</summary>
    internal IAmazonDynamoDB EmulatorClient() => DynamoDbRegistration.CreateClient(new DynamoDbOptions { ServiceUrl = EmulatorUrl, Region = "us-east-1" });

    /// <summary>A client of the first emulator (tables a test makes itself, not a shop's).</summary>
    internal static IAmazonDynamoDB Client() => DynamoDbRegistration.CreateClient(new DynamoDbOptions { ServiceUrl = ServiceUrl, Region = "us-east-1" });

    protected override IDictionary<string, string?> DatabaseSettings() => new Dictionary<string, string?>
    {
        ["CloudMart:Database:Provider"] = "Sqlite",
        ["CloudMart:DynamoDb:TableName"] = _table,
        ["CloudMart:DynamoDb:ServiceUrl"] = EmulatorUrl,
        ["CloudMart:DynamoDb:Region"] = "us-east-1",
        // The emulator is one Python process serving requests one at a time (scripts/moto-server.py) on a shared,
        // busy test machine: give it time rather than fail a test on its latency, which says nothing of DynamoDB's.
        ["CloudMart:DynamoDb:RequestTimeoutSeconds"] = "120",
    };

    public override async Task InitializeAsync()
    {
        using (var client = EmulatorClient())
        {
            await new TableCreator(client, TimeProvider.System).CreateAsync(_table, TableDefinition.Load(), TimeSpan.FromMinutes(1), CancellationToken.None);
        }
        await base.InitializeAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        using var client = EmulatorClient();
        try
        {
            await client.DeleteTableAsync(_table);
        }
        catch (ResourceNotFoundException)
        {
            // a test removed it on purpose
        }
    }
}
