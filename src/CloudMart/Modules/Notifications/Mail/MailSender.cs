using MimeKit;

namespace CloudMart.Modules.Notifications.Mail;

/// <summary>
/// One e-mail. <see cref="Key"/> identifies it for good (handler and event), so a redelivered event produces the
/// same message: the pickup folder overwrites the same file, and SMTP receivers see the same Message-Id.
/// </summary>
internal sealed record OutgoingMail(string Key, string To, string Subject, string Html, string Text);

internal interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

internal static class MailComposer
{
    public static MimeMessage Compose(OutgoingMail mail, MailOptions options)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = $"{mail.Key}@cloudmart.local" };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Body = new BodyBuilder { HtmlBody = mail.Html, TextBody = mail.Text }.ToMessageBody();
        return message;
    }
}

/// <summary>The default transport: each message as an .eml file in the pickup folder, written atomically.</summary>
internal sealed class PickupFolderSender(DataDirectoryPath data, Microsoft.Extensions.Options.IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var folder = data.Mail;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{mail.Key}.eml");
        var temporary = path + ".partial";
        await using (var file = File.Create(temporary))
        {
            await MailComposer.Compose(mail, options.Value).WriteToAsync(file, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The pickup folder under the shop's data directory.</summary>
internal sealed class DataDirectoryPath(DataDirectory data)
{
    public string Mail => data.Combine("mail");
}

/// <summary>SMTP through MailKit, when <c>CloudMart:Mail:Smtp:Host</c> is set.</summary>
internal sealed class SmtpSender(Microsoft.Extensions.Options.IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp!;
        using var client = new MailKit.Net.Smtp.SmtpClient();
        var security = smtp.Security.ToLowerInvariant() switch
        {
            "none" => MailKit.Security.SecureSocketOptions.None,
            "sslonconnect" => MailKit.Security.SecureSocketOptions.SslOnConnect,
            _ => MailKit.Security.SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(MailComposer.Compose(mail, settings), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
