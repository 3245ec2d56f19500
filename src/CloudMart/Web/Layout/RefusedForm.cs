using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace CloudMart.Web.Layout;

/// <summary>
/// A form post that Blazor refuses before any page code runs: the form it names is no longer on the page (the order
/// shipped, the product was archived, the cart was emptied in another tab, a hand-made post) or its antiforgery token
/// expired. Blazor answers those with a bare 400 that the browser shows as its own error page; instead the page is
/// rendered again as it is now, as a GET, with a message saying what happened. A page may read <see cref="Of"/> to say
/// more precisely why its form is gone.
/// </summary>
internal sealed record RefusedForm(string? FormName, bool TokenExpired)
{
    private const string Key = "CloudMart.RefusedForm";

    public static RefusedForm? Of(HttpContext? http) => http?.Items[Key] as RefusedForm;

    public string Message => TokenExpired
        ? "That form had expired, so nothing was changed. Here is the page again: please try once more."
        : "That could not be done because the page changed since you opened it. Nothing was changed; here is the page as it is now.";

    /// <summary>
    /// Around a POST to a page: the page's answer is held back until it is known, and when Blazor refused the post
    /// (a 400 with no page: nothing or, in Development, a line of text) the page is rendered again as a GET, in a fresh
    /// service scope (a page's renderer and navigation cannot be initialised twice in one scope).
    /// </summary>
    internal static async Task CatchAsync(HttpContext http, RequestDelegate next)
    {
        var page = http.GetEndpoint();
        if (!HttpMethods.IsPost(http.Request.Method) || page?.RequestDelegate is null || page.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            await next(http);
            return;
        }
        var headersBefore = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        var body = http.Response.Body;
        await using var held = new MemoryStream();
        http.Response.Body = held;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = body;
        }
        // Pages set their own error statuses as the headers go out (PageStatus), so a 400 now is Blazor's refusal; it
        // never renders a document with it.
        var refused = http.Response.StatusCode == StatusCodes.Status400BadRequest && !StartsWithDocument(held);
        if (!refused)
        {
            held.Position = 0;
            await held.CopyToAsync(body, http.RequestAborted);
            return;
        }
        // The refused render's own headers go (Blazor adds some it cannot add twice); cookies it set stay, since the
        // page rendered again relies on them (the antiforgery cookie behind its new token).
        var cookies = http.Response.Headers.SetCookie;
        http.Response.Headers.Clear();
        foreach (var (name, value) in headersBefore)
        {
            http.Response.Headers[name] = value;
        }
        http.Response.Headers.SetCookie = cookies;
        await RenderAgainAsync(http, page);
    }

    private static bool StartsWithDocument(MemoryStream held)
    {
        var start = System.Text.Encoding.UTF8.GetString(held.GetBuffer(), 0, (int)Math.Min(held.Length, 64)).TrimStart();
        return start.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RenderAgainAsync(HttpContext http, Endpoint page)
    {
        var tokenExpired = http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
        var formName = !tokenExpired && http.Request.HasFormContentType && (await http.Request.ReadFormAsync()).TryGetValue("_handler", out var name) ? name.ToString() : null;
        http.Items[Key] = new RefusedForm(formName, tokenExpired);
        http.Response.StatusCode = StatusCodes.Status200OK; // headers already set (security, cookies) stay
        http.Response.ContentType = null;
        http.Request.Method = HttpMethods.Get;
        var status = tokenExpired ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        http.Response.OnStarting(() =>
        {
            // A page that chose its own error status (404 for a product that is gone, 403) keeps it.
            if (http.Response.StatusCode == StatusCodes.Status200OK)
            {
                http.Response.StatusCode = status;
            }
            return Task.CompletedTask;
        });
        var services = http.RequestServices;
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        try
        {
            await page.RequestDelegate!(http);
        }
        finally
        {
            http.RequestServices = services;
        }
    }
}
