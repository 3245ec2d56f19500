using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.Templates;
using CloudMart.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Notifications.StockAlerts;

/// <summary>Tells the shop's administrators when a product runs low, so they restock before it sells out.</summary>
internal sealed class LowStockEmailHandler(ICustomerDirectory customers, IMailSender mail, IOptions<MailOptions> options) : IEventHandler<StockRunningLow>
{
    public async Task HandleAsync(StockRunningLow e, HandlerContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> recipients = string.IsNullOrWhiteSpace(options.Value.AdminAddress)
            ? await customers.AdministratorEmailsAsync(cancellationToken)
            : [options.Value.AdminAddress];
        var subject = $"Low stock: {e.Sku} has {e.Available} left";
        var message = $"{e.Sku} is down to {e.Available} available unit(s), at or below its threshold of {e.Threshold}. Restock it from the back-office (Inventory) to keep it on sale.";
        var html = EmailLayout.HtmlPage(subject, EmailLayout.Paragraph(message));
        for (var i = 0; i < recipients.Count; i++)
        {
            await mail.SendAsync(new OutgoingMail($"low-stock-{e.Sku}-{e.EventId:N}-{i}", recipients[i], subject, html, message + "\n\nCloudMart\n"), cancellationToken);
        }
    }
}
