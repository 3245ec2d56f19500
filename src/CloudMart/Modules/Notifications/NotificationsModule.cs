using CloudMart.Modules.Notifications.AccountMessages;
using CloudMart.Modules.Notifications.Data;
using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.Webhooks;
using CloudMart.Modules.Notifications.CustomerEmails;
using CloudMart.Modules.Notifications.StockAlerts;
using CloudMart.Modules.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Notifications;

internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, bool runsHandlers)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .Configure(o => o.ShopUrl ??= Uri.TryCreate(configuration["CloudMart:PublicUrl"], UriKind.Absolute, out var url) ? url : null)
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "CloudMart:Mail:From must be an e-mail address, e.g. \"Shop <orders@example.com>\".")
            .Validate(o => o.Smtp?.Host is null || o.Smtp.Port is > 0 and < 65536, "CloudMart:Mail:Smtp:Port must be a TCP port.")
            .ValidateOnStart();
        services.AddOptions<CarrierOptions>().Bind(configuration.GetSection(CarrierOptions.Section))
            .Validate(o => o.IsValid(), "Each CloudMart:Shipping:Carriers:<Name> must be an https address with {tracking} where the tracking number goes.")
            .ValidateOnStart();
        services.AddSingleton<CarrierTracking>();
        services.AddSingleton<DataDirectoryPath>();
        services.AddSingleton<PickupFolderSender>();
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp?.Host)
            ? sp.GetRequiredService<PickupFolderSender>()
            : sp.GetRequiredService<SmtpSender>());
        services.AddScoped<OrderEmailHandlers>();
        services.AddScoped<LowStockEmailHandler>();
        services.AddScoped<WelcomeEmailHandler>();
        services.AddScoped<Contracts.IAccountMail, AccountMail>();

        services.AddModuleDbContext<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>("notifications");
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookDirectory>();
        services.AddScoped(typeof(WebhookFanOut<>));
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => PublicNetworkGuard.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks));
        if (runsHandlers)
        {
            services.AddHostedService<WebhookSender>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        WebhookEndpoints.Map(app);
        return app;
    }
}
