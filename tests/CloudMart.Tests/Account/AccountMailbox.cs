using System.Text.RegularExpressions;
using MimeKit;

namespace CloudMart.Tests.Account;

/// <summary>The shop's pickup folder, read the way a customer reads their inbox.</summary>
public sealed partial class AccountMailbox(ShopFactory shop)
{
    private string Folder => Path.Combine(shop.DataDirectory, "mail");

    /// <summary>Every message to <paramref name="to"/> whose file name starts with <paramref name="kind"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string to, string kind)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return Directory.GetFiles(Folder, $"{kind}-*.eml")
            .Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    public int Count => Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.eml").Length : 0;

    /// <summary>Waits for a message the relay writes (the welcome e-mail).</summary>
    public async Task<MimeMessage> AwaitAsync(string to, string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (To(to, kind) is [var found, ..])
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No {kind} e-mail reached {to}.");
    }

    /// <summary>The one link to <paramref name="path"/> in the single message of its kind to the address.</summary>
    public Uri LinkIn(string to, string kind, string path)
    {
        var message = Assert.Single(To(to, kind));
        var match = Assert.Single(Link().Matches(message.TextBody ?? ""), m => m.Value.Contains(path, StringComparison.Ordinal));
        Assert.Contains(match.Value, (message.HtmlBody ?? "").Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        return new Uri(match.Value);
    }

    /// <summary>The query of a link, decoded.</summary>
    public static IDictionary<string, string> Query(Uri link) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
