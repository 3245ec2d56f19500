using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws;

/// <summary>
/// deploy/dynamodb/table.json, embedded in the assembly: the key schema, indexes, stream and time to live that both
/// <c>cloudmart dynamodb create-table</c> and the Terraform module read, so the two cannot drift apart.
/// </summary>
internal sealed record TableDefinition(
    string BillingMode,
    IReadOnlyList<TableDefinition.AttributeDefinitionEntry> AttributeDefinitions,
    IReadOnlyList<TableDefinition.KeyEntry> KeySchema,
    IReadOnlyList<TableDefinition.IndexEntry> GlobalSecondaryIndexes,
    string StreamViewType,
    string TtlAttribute,
    bool PointInTimeRecovery)
{
    public sealed record AttributeDefinitionEntry(string Name, string Type);

    public sealed record KeyEntry(string Name, string KeyType);

    public sealed record IndexEntry(string Name, IReadOnlyList<KeyEntry> KeySchema, string Projection);

    public const string ResourceName = "CloudMart.DynamoDbTable.json";

    public static TableDefinition Load()
    {
        using var stream = typeof(TableDefinition).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded {ResourceName} is missing from the build.");
        return Parse(stream);
    }

    public static TableDefinition Parse(Stream json) =>
        JsonSerializer.Deserialize<TableDefinition>(json, JsonSerializerOptions.Web)
        ?? throw new InvalidDataException("The table definition is empty.");

    public CreateTableRequest ToCreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = new BillingMode(BillingMode),
        AttributeDefinitions = AttributeDefinitions.Select(a => new AttributeDefinition(a.Name, new ScalarAttributeType(a.Type))).ToList(),
        KeySchema = KeySchema.Select(k => new KeySchemaElement(k.Name, new KeyType(k.KeyType))).ToList(),
        GlobalSecondaryIndexes = GlobalSecondaryIndexes.Select(i => new GlobalSecondaryIndex
        {
            IndexName = i.Name,
            KeySchema = i.KeySchema.Select(k => new KeySchemaElement(k.Name, new KeyType(k.KeyType))).ToList(),
            Projection = new Projection { ProjectionType = new ProjectionType(i.Projection) },
        }).ToList(),
        StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = new StreamViewType(StreamViewType) },
    };
}
