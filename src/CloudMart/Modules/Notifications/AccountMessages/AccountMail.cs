using CloudMart.Modules.Notifications.Contracts;
using CloudMart.Modules.Notifications.Mail;
using CloudMart.Modules.Notifications.Templates;

namespace CloudMart.Modules.Notifications.AccountMessages;

/// <summary>
/// Writes the account e-mails through the shop's one mail sender (pickup folder or SMTP). Each message has its own
/// key: two reset requests are two e-mails. Nothing here logs an address, a link or a token.
/// </summary>
internal sealed class AccountMail(IMailSender mail) : IAccountMail
{
    public Task SendPasswordResetAsync(string to, Uri resetLink, TimeSpan validFor, CancellationToken cancellationToken) =>
        SendAsync("password-reset", to, AccountEmails.PasswordReset(resetLink, validFor), cancellationToken);

    public Task SendEmailChangeAsync(string to, Uri confirmLink, TimeSpan validFor, CancellationToken cancellationToken) =>
        SendAsync("email-change", to, AccountEmails.EmailChange(confirmLink, validFor), cancellationToken);

    public Task SendEmailChangedNoticeAsync(string to, string newAddress, CancellationToken cancellationToken) =>
        SendAsync("email-changed", to, AccountEmails.EmailChanged(newAddress), cancellationToken);

    public Task SendPasswordChangedNoticeAsync(string to, CancellationToken cancellationToken) =>
        SendAsync("password-changed", to, AccountEmails.PasswordChanged(), cancellationToken);

    public Task SendAccountClosedNoticeAsync(string to, CancellationToken cancellationToken) =>
        SendAsync("account-closed", to, AccountEmails.AccountClosed(), cancellationToken);

    private Task SendAsync(string kind, string to, (string Subject, string Html, string Text) message, CancellationToken cancellationToken) =>
        mail.SendAsync(new OutgoingMail($"{kind}-{Guid.CreateVersion7():N}", to, message.Subject, message.Html, message.Text), cancellationToken);
}
