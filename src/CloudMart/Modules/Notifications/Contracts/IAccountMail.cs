namespace CloudMart.Modules.Notifications.Contracts;

/// <summary>
/// The account e-mails the Customers module asks for as they happen (a reset link must arrive now, and its token must
/// never sit in the outbox, a webhook or a log). Each link is absolute and carries a single-use, expiring token.
/// </summary>
public interface IAccountMail
{
    Task SendPasswordResetAsync(string to, Uri resetLink, TimeSpan validFor, CancellationToken cancellationToken);

    /// <summary>Sent to the NEW address: the change happens only when its owner follows the link.</summary>
    Task SendEmailChangeAsync(string to, Uri confirmLink, TimeSpan validFor, CancellationToken cancellationToken);

    /// <summary>Sent to the OLD address once the change is done, so a hijacked account does not go unnoticed.</summary>
    Task SendEmailChangedNoticeAsync(string to, string newAddress, CancellationToken cancellationToken);

    Task SendPasswordChangedNoticeAsync(string to, CancellationToken cancellationToken);

    Task SendAccountClosedNoticeAsync(string to, CancellationToken cancellationToken);
}
