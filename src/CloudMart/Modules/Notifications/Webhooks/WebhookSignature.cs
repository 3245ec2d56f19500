using System.Security.Cryptography;
using System.Text;

namespace CloudMart.Modules.Notifications.Webhooks;

/// <summary>
/// <c>CloudMart-Signature: sha256=&lt;hex&gt;</c>, an HMAC-SHA256 with the endpoint's secret over
/// <c>"{CloudMart-Timestamp}.{body}"</c>. A receiver recomputes it, compares in constant time and rejects old timestamps.
/// </summary>
internal static class WebhookSignature
{
    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
