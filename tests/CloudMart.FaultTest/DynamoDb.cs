using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace CloudMart.FaultTest;

/// <summary>The crash proof's DynamoDB table: created by the shop's own command, deleted afterwards.</summary>
internal static class DynamoDb
{
    public static async Task CreateTableAsync(string appDll, IEnumerable<string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("dynamodb");
        start.ArgumentList.Add("create-table");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dynamodb create-table failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    public static async Task DeleteTableAsync(string serviceUrl, string table)
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("cloudmart-local", "cloudmart-local"),
            new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1" });
        try
        {
            await client.DeleteTableAsync(table);
        }
        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
        {
        }
    }
}
