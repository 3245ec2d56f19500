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
    private readonly string _table = "cm-test-" + Guid.NewGuid().ToString("N")[..12];

    public override string Provider => "DynamoDb";

    public string TableName => _table;

    /// <summary>The emulator (moto_server) scripts/test.sh starts; see there.</summary>
    public static string ServiceUrl =>
        Environment.GetEnvironmentVariable("CLOUDMART_TEST_DYNAMODB")
        ?? throw new InvalidOperationException(
            "CLOUDMART_TEST_DYNAMODB is not set. Run the tests with scripts/test.sh, which starts moto_server and sets it.");

    internal static IAmazonDynamoDB Client() => DynamoDbRegistration.CreateClient(new DynamoDbOptions { ServiceUrl = ServiceUrl, Region = "us-east-1" });

    protected override IDictionary<string, string?> DatabaseSettings() => new Dictionary<string, string?>
    {
        ["CloudMart:Database:Provider"] = "Sqlite",
        ["CloudMart:DynamoDb:TableName"] = _table,
        ["CloudMart:DynamoDb:ServiceUrl"] = ServiceUrl,
        ["CloudMart:DynamoDb:Region"] = "us-east-1",
        // The emulator is one Python process serving requests one at a time (scripts/moto-server.py) on a shared,
        // busy test machine: give it time rather than fail a test on its latency, which says nothing of DynamoDB's.
        ["CloudMart:DynamoDb:RequestTimeoutSeconds"] = "120",
    };

    public override async Task InitializeAsync()
    {
        using (var client = Client())
        {
            await new TableCreator(client, TimeProvider.System).CreateAsync(_table, TableDefinition.Load(), TimeSpan.FromMinutes(1), CancellationToken.None);
        }
        await base.InitializeAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        using var client = Client();
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
