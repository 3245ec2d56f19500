namespace CloudMart.Platform.Messaging;

internal static class MessagingRegistration
{
    /// <summary>The outbox, the subscriptions and, when this process handles events, the relay.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration, bool runRelay, Action<EventSubscriptions> subscribe)
    {
        services.AddModuleDbContext<MessagingDbContext, SqliteMessagingDbContext, PostgresMessagingDbContext>("platform");
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxSignal>();
        var subscriptions = new EventSubscriptions();
        subscribe(subscriptions);
        services.AddSingleton(subscriptions);
        services.Configure<RelayOptions>(configuration.GetSection(RelayOptions.Section));
        services.AddSingleton<EventDispatcher>();
        services.AddScoped<DeadLetters.DeadLetterReplay>();
        if (runRelay)
        {
            services.AddHostedService<OutboxRelay>();
        }
        return services;
    }
}
