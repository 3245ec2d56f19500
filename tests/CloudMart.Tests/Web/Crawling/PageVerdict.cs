namespace CloudMart.Tests.Web.Crawling;

/// <summary>
/// Whether a response is something a person can read and act on: a page of the shop. A browser's own error page (an
/// empty or plain-text 4xx/5xx) never is; neither is a server error, nor the generic "That request didn't work" page
/// after a form. An error status is fine when the page says what happened: the sign-in page for an anonymous visitor,
/// the "not allowed" page for a missing role, "not found", or the form again with its message.
/// </summary>
public static class PageVerdict
{
    private static readonly int[] FriendlyErrors = [400, 403, 404, 409, 422, 429];

    /// <returns>Why the response is not acceptable, or null when it is.</returns>
    public static string? Problem(PageResponse response, bool errorExpected = false)
    {
        var status = (int)response.Status;
        var body = response.Body;
        if (status >= 500)
        {
            return $"server error {status}";
        }
        if (response.ContentType != "text/html")
        {
            return $"{status} with {response.ContentType ?? "no content type"} instead of a page: “{Start(body)}”";
        }
        if (!body.Contains("<main id=\"main\"", StringComparison.Ordinal))
        {
            return $"{status} without the shop's page around it: “{Start(body)}”";
        }
        if (status < 400)
        {
            return null;
        }
        if (!FriendlyErrors.Contains(status))
        {
            return $"{status} is not a status a page answers with";
        }
        if (body.Contains("class=\"message-page__code\"", StringComparison.Ordinal) && status is 400 && !errorExpected)
        {
            return "the generic “That request didn't work” page, which says nothing about the form";
        }
        var explained = body.Contains("role=\"alert\"", StringComparison.Ordinal) || body.Contains("validation-message", StringComparison.Ordinal)
            || (status is 403 or 404 && body.Contains("<h1", StringComparison.Ordinal));
        return explained ? null : $"{status} page with no message saying what went wrong";
    }

    /// <summary>The page came back saying the form was out of date: right for an old form, wrong for the one just shown.</summary>
    public static bool RefusedAsStale(PageResponse response) => response.Body.Contains("data-refused-form", StringComparison.Ordinal);

    private static string Start(string body)
    {
        var text = body.ReplaceLineEndings(" ");
        return text.Length <= 160 ? text : text[..160] + "…";
    }
}
