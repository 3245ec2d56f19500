namespace CloudMart.Platform.Aws.Streams;

internal static class StreamsRegistration
{
    /// <summary>The stream's handler (for the poller and the Lambda function) and, where this process runs handlers, the poller.</summary>
    public static IServiceCollection AddDynamoDbStreams(this IServiceCollection services, IConfiguration configuration, bool runsHandlers)
    {
        services.Configure<StreamPollerOptions>(configuration.GetSection(StreamPollerOptions.Section));
        services.AddSingleton<StreamBatchHandler>();
        services.AddHttpClient(nameof(DynamoStreamsClient));
        services.AddSingleton(sp => new DynamoStreamsClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DynamoStreamsClient)),
            sp.GetRequiredService<DynamoDbOptions>(),
            DynamoDbRegistration.Credentials(sp.GetRequiredService<DynamoDbOptions>())));
        if (runsHandlers)
        {
            services.AddHostedService<StreamPoller>();
        }
        return services;
    }
}
