using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.Templates;
using CloudMart.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Notifications.AccountMessages;

/// <summary>Welcomes each new customer. The mail key is the account, so a redelivered event rewrites the same message.</summary>
internal sealed class WelcomeEmailHandler(ICustomerDirectory customers, IMailSender mail, IOptions<MailOptions> options) : IEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered e, HandlerContext context, CancellationToken cancellationToken)
    {
        if (await customers.EmailOfAsync(e.CustomerId, cancellationToken) is not { } to)
        {
            return; // closed before the welcome went out: nobody to write to
        }
        var (subject, html, text) = AccountEmails.Welcome(options.Value.ShopUrl);
        await mail.SendAsync(new OutgoingMail($"welcome-{e.CustomerId:N}", to, subject, html, text), cancellationToken);
    }
}
