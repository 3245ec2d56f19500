using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.CustomerEmails;
using CloudMart.Modules.Notifications.StockAlerts;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Notifications;

internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "CloudMart:Mail:From must be an e-mail address, e.g. \"Shop <orders@example.com>\".")
            .Validate(o => o.Smtp?.Host is null || o.Smtp.Port is > 0 and < 65536, "CloudMart:Mail:Smtp:Port must be a TCP port.")
            .ValidateOnStart();
        services.AddSingleton<DataDirectoryPath>();
        services.AddSingleton<PickupFolderSender>();
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp?.Host)
            ? sp.GetRequiredService<PickupFolderSender>()
            : sp.GetRequiredService<SmtpSender>());
        services.AddScoped<OrderEmailHandlers>();
        services.AddScoped<LowStockEmailHandler>();
        return services;
    }
}
