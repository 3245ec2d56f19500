using CloudMart.Platform.Cli;

namespace CloudMart.Platform.Aws.Streams;

/// <summary><c>cloudmart lambda</c>: runs as the Lambda function that reads the table's stream (see <see cref="LambdaRuntime"/>).</summary>
internal static class LambdaCommand
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var api = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new CommandLineException($"'cloudmart lambda' runs inside AWS Lambda (a custom runtime's bootstrap): {RuntimeApiVariable} is not set.");
        }
        using var http = new HttpClient { BaseAddress = LambdaRuntime.BaseAddress(api), Timeout = Timeout.InfiniteTimeSpan };
        var runtime = new LambdaRuntime(http, services.GetRequiredService<StreamBatchHandler>(), services.GetRequiredService<ILogger<LambdaRuntime>>());
        if (!services.GetRequiredService<DynamoDbOptions>().Enabled)
        {
            var missing = new InvalidOperationException($"{DynamoDbOptions.Section}:TableName is not set: the function has no table to work on.");
            await runtime.InitErrorAsync(missing);
            throw new CommandLineException(missing.Message);
        }
        await runtime.RunAsync(invocations: null, cancellationToken);
        return 0;
    }
}
