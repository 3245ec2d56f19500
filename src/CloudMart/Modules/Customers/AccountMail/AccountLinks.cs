using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Customers.AccountMail;

/// <summary>Bound from <c>CloudMart:Accounts</c>.</summary>
internal sealed class AccountOptions
{
    public const string Section = "CloudMart:Accounts";

    /// <summary>How long a password-reset or e-mail-change link works (Identity's token lifespan).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The shop's address as customers reach it (<c>CloudMart:PublicUrl</c>); links in e-mails start with it.</summary>
    public Uri? PublicUrl { get; set; }
}

/// <summary>
/// The links in account e-mails. They start with <c>CloudMart:PublicUrl</c> when set, so a forged Host header cannot
/// point a reset link at another site; without it (a laptop), with the address the request came to.
/// </summary>
internal sealed class AccountLinks(IOptions<AccountOptions> options)
{
    public TimeSpan Lifetime => options.Value.LinkLifetime;

    public Uri To(HttpContext http, string path, IDictionary<string, string?> query)
    {
        var origin = options.Value.PublicUrl?.GetLeftPart(UriPartial.Path).TrimEnd('/')
            ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return new Uri(QueryHelpers.AddQueryString(origin + path, query));
    }

    /// <summary>Identity's tokens hold '+', '/' and '='; links carry them base64url-encoded.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token from a link; null when the text was not one of ours.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 2000)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
