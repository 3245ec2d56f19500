namespace CloudMart.Web;

/// <summary>Only paths on this site may be returned to after sign-in; anything else would make us an open redirect.</summary>
internal static class LocalReturnUrl
{
    public static string Or(string? returnUrl, string fallback) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : fallback;
}
