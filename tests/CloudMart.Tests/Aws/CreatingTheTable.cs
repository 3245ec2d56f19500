using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;
using CloudMart.Tests.CommandLine;

namespace CloudMart.Tests.Aws;

/// <summary>
/// <c>cloudmart dynamodb create-table</c> builds exactly the table of deploy/dynamodb/table.json — the file Terraform
/// reads — so the command, the embedded copy and the cloud's table cannot drift apart.
/// </summary>
public sealed class CreatingTheTable : IDisposable
{
    private readonly Cli _cli = new();
    private readonly IAmazonDynamoDB _client = DynamoShop.Client();
    private readonly string _table = "cm-cli-" + Guid.NewGuid().ToString("N")[..12];

    private static string RepositoryFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudMart.slnx")))
            {
                return Path.Combine(directory.FullName, relative);
            }
        }
        throw new FileNotFoundException("The repository root (CloudMart.slnx) is not above the test binaries.");
    }

    [Fact]
    public async Task The_command_creates_the_table_of_the_definition_file_active_with_its_indexes_stream_and_time_to_live()
    {
        var (code, output) = await _cli.RunAsync("dynamodb", "create-table",
            $"--CloudMart:DynamoDb:TableName={_table}", $"--CloudMart:DynamoDb:ServiceUrl={DynamoShop.ServiceUrl}", "--CloudMart:DynamoDb:Region=us-east-1");

        Assert.True(code == 0, output);
        Assert.Contains("ACTIVE", output, StringComparison.Ordinal);
        await using var file = File.OpenRead(RepositoryFile("deploy/dynamodb/table.json"));
        var definition = TableDefinition.Parse(file);
        Assert.Equal(definition, TableDefinition.Load(), new DefinitionComparer());
        var table = (await _client.DescribeTableAsync(_table)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(definition.BillingMode, table.BillingModeSummary?.BillingMode?.Value ?? "PROVISIONED");
        Assert.Equal(Keys(definition.KeySchema), Keys(table.KeySchema));
        Assert.Equal(
            definition.AttributeDefinitions.Select(a => $"{a.Name}:{a.Type}").Order(),
            table.AttributeDefinitions.Select(a => $"{a.AttributeName}:{a.AttributeType.Value}").Order());
        Assert.Equal(
            definition.GlobalSecondaryIndexes.Select(i => $"{i.Name}({Keys(i.KeySchema)}) {i.Projection}").Order(),
            table.GlobalSecondaryIndexes.Select(i => $"{i.IndexName}({Keys(i.KeySchema)}) {i.Projection.ProjectionType.Value}").Order());
        Assert.True(table.StreamSpecification?.StreamEnabled);
        Assert.Equal(definition.StreamViewType, table.StreamSpecification!.StreamViewType.Value);
        Assert.False(string.IsNullOrEmpty(table.LatestStreamArn));
        var ttl = (await _client.DescribeTimeToLiveAsync(_table)).TimeToLiveDescription;
        Assert.Equal(definition.TtlAttribute, ttl.AttributeName);
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
    }

    [Fact]
    public async Task Running_it_again_changes_nothing_and_says_so()
    {
        var arguments = new[] { "dynamodb", "create-table", $"--CloudMart:DynamoDb:TableName={_table}", $"--CloudMart:DynamoDb:ServiceUrl={DynamoShop.ServiceUrl}" };
        Assert.Equal(0, (await _cli.RunAsync(arguments)).ExitCode);

        var (code, output) = await _cli.RunAsync(arguments);

        Assert.True(code == 0, output);
        Assert.Contains("already exists", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_table_name_it_is_a_usage_error_that_says_which_setting()
    {
        var (code, output) = await _cli.RunAsync("dynamodb", "create-table");

        Assert.Equal(2, code);
        Assert.Contains("CloudMart:DynamoDb:TableName", output, StringComparison.Ordinal);
    }

    private static string Keys(IEnumerable<TableDefinition.KeyEntry> keys) => string.Join(",", keys.Select(k => $"{k.Name}:{k.KeyType}"));

    private static string Keys(IEnumerable<KeySchemaElement> keys) => string.Join(",", keys.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"));

    public void Dispose()
    {
        try
        {
            _client.DeleteTableAsync(_table).GetAwaiter().GetResult();
        }
        catch (ResourceNotFoundException)
        {
        }
        _client.Dispose();
        _cli.Dispose();
    }

    /// <summary>Records holding lists compare by reference; this compares the definitions by their JSON.</summary>
    private sealed class DefinitionComparer : IEqualityComparer<TableDefinition>
    {
        public bool Equals(TableDefinition? x, TableDefinition? y) => JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y);

        public int GetHashCode(TableDefinition obj) => JsonSerializer.Serialize(obj).GetHashCode(StringComparison.Ordinal);
    }
}
