namespace CloudMart.Web.Shared;

/// <summary>
/// A page that answers with an error status and its own friendly content. Blazor stops rendering a page whose status
/// is already 404 (it expects status-code-page re-execution to write the body), so the page renders as usual and the
/// status is set just before the headers go out.
/// </summary>
public static class PageStatus
{
    public static void Set(HttpContext? http, int statusCode)
    {
        if (http is null || http.Response.HasStarted)
        {
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        });
    }
}
