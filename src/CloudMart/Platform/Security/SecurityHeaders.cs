namespace CloudMart.Platform.Security;

/// <summary>The usual protective headers on every response.</summary>
internal static class SecurityHeaders
{
    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }
        else if (!context.Request.Path.StartsWithSegments("/api-reference") && !context.Request.Path.StartsWithSegments("/openapi"))
        {
            headers.ContentSecurityPolicy = PagePolicy(context.Request.Host);
        }
        return next();
    }

    /// <summary>
    /// Pages load only our own scripts, styles, images and fonts. Styles may be inline because Blazor's reconnection
    /// dialog injects them; the interactive components talk to their own origin over a WebSocket.
    /// </summary>
    private static string PagePolicy(HostString host) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + $"connect-src 'self' ws://{host} wss://{host}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
