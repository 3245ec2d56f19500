using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace CloudMart.Platform.Aws;

internal static class DynamoDbRegistration
{
    /// <summary>
    /// The DynamoDB client and table, created when first asked for: hosts and test factories may still add
    /// configuration after registration, so the choice of store is made when a service is resolved, not now.
    /// </summary>
    public static IServiceCollection AddDynamoDb(this IServiceCollection services)
    {
        services.AddSingleton(sp => DynamoDbOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IAmazonDynamoDB>(sp => CreateClient(sp.GetRequiredService<DynamoDbOptions>()));
        services.AddSingleton(sp => new DynamoTable(
            sp.GetRequiredService<IAmazonDynamoDB>(),
            sp.GetRequiredService<DynamoDbOptions>().TableName
                ?? throw new InvalidOperationException($"{DynamoDbOptions.Section}:TableName is not set.")));
        services.AddHealthChecks().AddCheck<DynamoDbHealthCheck>("dynamodb", tags: [Observability.ObservabilityRegistration.ReadyTag]);
        return services;
    }

    /// <summary>
    /// Registers a port with its relational and its DynamoDB adapter; which one a scope gets depends on whether
    /// <c>CloudMart:DynamoDb:TableName</c> is set.
    /// </summary>
    public static IServiceCollection AddStorePort<TPort, TRelational, TDynamo>(this IServiceCollection services)
        where TPort : class
        where TRelational : class, TPort
        where TDynamo : class, TPort
    {
        services.AddScoped<TRelational>();
        services.AddScoped<TDynamo>();
        services.AddScoped<TPort>(sp => sp.GetRequiredService<DynamoDbOptions>().Enabled
            ? sp.GetRequiredService<TDynamo>()
            : sp.GetRequiredService<TRelational>());
        return services;
    }

    public static IAmazonDynamoDB CreateClient(DynamoDbOptions options)
    {
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxErrorRetry,
            Timeout = TimeSpan.FromSeconds(Math.Clamp(options.RequestTimeoutSeconds, 1, 600)),
        };
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
            return CapacityRecorder.CreateClient(options.RecordCapacity, EmulatorCredentials(), config);
        }
        return CapacityRecorder.CreateClient(options.RecordCapacity, null, config);
    }

    /// <summary>The credentials a client of the table signs with: the standard chain, or the emulator's placeholders.</summary>
    public static AWSCredentials Credentials(DynamoDbOptions options) =>
        string.IsNullOrWhiteSpace(options.ServiceUrl) ? DefaultAWSCredentialsIdentityResolver.GetCredentials() : EmulatorCredentials();

    /// <summary>The standard chain's credentials, or a placeholder pair: an emulator checks signatures, not keys.</summary>
    public static AWSCredentials EmulatorCredentials()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException)
        {
            return new BasicAWSCredentials("cloudmart-local", "cloudmart-local");
        }
    }
}

/// <summary>The table every DynamoDB adapter writes to, and its client.</summary>
internal sealed record DynamoTable(IAmazonDynamoDB Client, string Name);
