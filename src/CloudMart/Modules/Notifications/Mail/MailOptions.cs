namespace CloudMart.Modules.Notifications.Mail;

/// <summary>Bound from <c>CloudMart:Mail</c>. Without <c>Smtp:Host</c>, mail is written as .eml files under <c>&lt;data&gt;/mail</c>.</summary>
internal sealed class MailOptions
{
    public const string Section = "CloudMart:Mail";

    public string From { get; set; } = "CloudMart <orders@cloudmart.local>";

    /// <summary>Where stock alerts go; when empty, to every administrator account.</summary>
    public string? AdminAddress { get; set; }

    public SmtpOptions? Smtp { get; set; }

    /// <summary>The shop's address as customers reach it (<c>CloudMart:PublicUrl</c>), for links in e-mails not tied to a request.</summary>
    public Uri? ShopUrl { get; set; }

    /// <summary>
    /// An absolute link into the shop for a path such as <c>/account/orders/{id}</c>: from <see cref="ShopUrl"/>, or the
    /// shop's default address on a laptop when it is not set. Order e-mails are written by background handlers, with
    /// no request to take a host from.
    /// </summary>
    public string Link(string path) => (ShopUrl?.GetLeftPart(UriPartial.Path) ?? "http://localhost:8080").TrimEnd('/') + path;
}

internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c> or <c>None</c> (only for a local relay).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
