namespace CloudMart.Web.Account;

/// <summary>
/// Which form a static-SSR POST is for (Blazor's <c>_handler</c> field). A page renders that form during the POST
/// whatever has changed since it was shown, so Blazor can dispatch it and the handler can answer with a message
/// rather than the browser's bare 400 page.
/// </summary>
internal static class PostedForm
{
    public static bool Is(HttpContext http, string formName) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
        && string.Equals(http.Request.Form["_handler"], formName, StringComparison.Ordinal);
}
