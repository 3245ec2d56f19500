using Amazon.DynamoDBv2;
using CloudMart.Platform.Cli;
using Spectre.Console;

namespace CloudMart.Platform.Aws;

/// <summary><c>cloudmart dynamodb create-table</c>: the table of deploy/dynamodb/table.json under the configured name.</summary>
internal static class DynamoDbCommands
{
    public static async Task<int> CreateTableAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<DynamoDbOptions>();
        if (!options.Enabled)
        {
            throw new CommandLineException($"Set {DynamoDbOptions.Section}:TableName (e.g. --CloudMart:DynamoDb:TableName=cloudmart) to say which table to create.");
        }
        var creator = new TableCreator(services.GetRequiredService<IAmazonDynamoDB>(), services.GetRequiredService<TimeProvider>());
        var created = await creator.CreateAsync(options.TableName!, TableDefinition.Load(), TableCreator.DefaultTimeout, cancellationToken);
        AnsiConsole.MarkupLine(created
            ? $"Created DynamoDB table [green]{Markup.Escape(options.TableName!)}[/]: indexes, stream and time to live are on; it is ACTIVE."
            : $"DynamoDB table [green]{Markup.Escape(options.TableName!)}[/] already exists and is ACTIVE; nothing was changed.");
        return 0;
    }
}
