using System.Globalization;
using static CloudMart.Modules.Notifications.Templates.EmailLayout;

namespace CloudMart.Modules.Notifications.Templates;

/// <summary>The account e-mails (welcome, password reset, e-mail change and notices), each as (subject, HTML, text).</summary>
internal static class AccountEmails
{
    public static (string Subject, string Html, string Text) Welcome(Uri? shop) => Compose(
        "Welcome to CloudMart",
        [
            "Hello,",
            "Your CloudMart account is ready. You can follow each order live from your account, save your delivery addresses and change your details at any time.",
            "Happy shopping!",
        ],
        shop is null ? null : ("Visit the shop", shop));

    public static (string Subject, string Html, string Text) PasswordReset(Uri link, TimeSpan validFor) => Compose(
        "Reset your CloudMart password",
        [
            "Someone (we hope you) asked to reset the password of the CloudMart account for this address.",
            $"Follow the link below to choose a new password. It works once and expires in {Duration(validFor)}.",
            "If you did not ask for this, ignore this e-mail: your password stays as it is.",
        ],
        ("Choose a new password", link));

    public static (string Subject, string Html, string Text) EmailChange(Uri link, TimeSpan validFor) => Compose(
        "Confirm your new e-mail address",
        [
            "Someone (we hope you) asked to use this address for a CloudMart account.",
            $"Follow the link below to confirm it. It works once and expires in {Duration(validFor)}. Until then the account keeps its old address.",
            "If you did not ask for this, ignore this e-mail.",
        ],
        ("Confirm this address", link));

    public static (string Subject, string Html, string Text) EmailChanged(string newAddress) => Compose(
        "Your CloudMart e-mail address was changed",
        [
            $"The e-mail address of your CloudMart account is now {newAddress}. You will sign in with it from now on.",
            "If you did not make this change, reply to this e-mail at once so we can secure your account.",
        ],
        null);

    public static (string Subject, string Html, string Text) PasswordChanged() => Compose(
        "Your CloudMart password was changed",
        [
            "The password of your CloudMart account was just changed.",
            "If you did not make this change, reset your password from the sign-in page and reply to this e-mail so we can help.",
        ],
        null);

    public static (string Subject, string Html, string Text) AccountClosed() => Compose(
        "Your CloudMart account is closed",
        [
            "Your CloudMart account is closed: you can no longer sign in, and we removed your name, addresses, cart and assistant conversations.",
            "We keep the records of your orders for as long as the law requires, without your account.",
            "Thank you for shopping with us.",
        ],
        null);

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{Math.Round(span.TotalHours).ToString(CultureInfo.InvariantCulture)} hour{(Math.Round(span.TotalHours) == 1 ? "" : "s")}"
        : $"{Math.Max(1, Math.Round(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture)} minutes";

    private static (string Subject, string Html, string Text) Compose(string heading, string[] paragraphs, (string Label, Uri Href)? action)
    {
        var html = string.Concat(paragraphs.Select(Paragraph));
        var text = string.Join("\n\n", paragraphs);
        if (action is ({} label, {} href))
        {
            html += Button(label, href);
            text += $"\n\n{label}: {href.AbsoluteUri}";
        }
        return (heading, HtmlPage(heading, html), $"{heading}\n\n{text}\n\nCloudMart\n");
    }
}
