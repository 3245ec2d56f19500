namespace CloudMart.Platform.Messaging;

internal static class MessagingRegistration
{
    /// <summary>The outbox, the subscriptions and, when this process handles events, the relay.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration, bool runRelay, Action<EventSubscriptions, IConfiguration> subscribe)
    {
        services.AddModuleDbContext<MessagingDbContext, SqliteMessagingDbContext, PostgresMessagingDbContext>("platform");
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxSignal>();
        // Built when first needed, so configuration added after registration (hosts, tests) decides what is subscribed.
        services.AddSingleton(sp =>
        {
            var subscriptions = new EventSubscriptions();
            subscribe(subscriptions, sp.GetRequiredService<IConfiguration>());
            return subscriptions;
        });
        services.Configure<RelayOptions>(configuration.GetSection(RelayOptions.Section));
        services.AddSingleton<EventDispatcher>();
        services.Configure<Broker.RabbitMqOptions>(configuration.GetSection(Broker.RabbitMqOptions.Section));
        services.AddSingleton<Broker.RabbitMqPublisher>();
        services.AddScoped(typeof(Broker.PublishToBroker<>));
        services.AddHealthChecks().AddCheck<Broker.RabbitMqHealthCheck>("rabbitmq", tags: [Observability.ObservabilityRegistration.ReadyTag]);
        services.AddScoped<DeadLetters.DeadLetterReplay>();
        if (runRelay)
        {
            services.AddHostedService<OutboxRelay>();
            services.AddHostedService<OutboxListener>();
        }
        return services;
    }
}
