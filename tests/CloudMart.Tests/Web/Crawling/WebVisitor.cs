using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudMart.Tests.Web.Crawling;

/// <summary>What came back for one request, after any redirects were followed the way a browser follows them.</summary>
public sealed record PageResponse(HttpStatusCode Status, string Url, string? ContentType, string Body, IReadOnlyList<string> Redirects);

/// <summary>
/// A browser without script: it keeps its own cookies, follows redirects with a GET, and sends forms as
/// application/x-www-form-urlencoded or multipart/form-data. A crawled form post can be sent without keeping the cookies
/// it sets, so that signing out or emptying the cart in one submission does not change the session for the next.
/// </summary>
public sealed class WebVisitor(ShopFactory shop)
{
    private const int MaxRedirects = 5;
    private readonly HttpClient _client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public Task<PageResponse> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url), keepCookies: true);

    public Task<PageResponse> SendAsync(HttpRequestMessage request, bool keepCookies) => SendAsync(request, keepCookies ? _cookies : new Dictionary<string, string>(_cookies, StringComparer.Ordinal));

    private async Task<PageResponse> SendAsync(HttpRequestMessage request, Dictionary<string, string> cookies)
    {
        var redirects = new List<string>();
        while (true)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            using var response = await _client.SendAsync(request);
            Remember(response, cookies);
            var url = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location && redirects.Count < MaxRedirects)
            {
                var next = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
                redirects.Add(next);
                request = new HttpRequestMessage(HttpMethod.Get, next);
                continue;
            }
            return new PageResponse(response.StatusCode, url, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), redirects);
        }
    }

    private static void Remember(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            return;
        }
        foreach (var header in setCookies)
        {
            var pair = header.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
            var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
            if (expired)
            {
                cookies.Remove(name);
            }
            else
            {
                cookies[name] = value;
            }
        }
    }

    /// <summary>Signs in through the sign-in page's own form, as a person would.</summary>
    public async Task SignInAsync(string email, string password)
    {
        var page = await GetAsync("/account/sign-in");
        var form = HtmlForm.AllIn(page.Body, page.Url).Single(f => f.Handler == "sign-in");
        var fields = form.DefaultFields();
        Set(fields, "Input.Email", email);
        Set(fields, "Input.Password", password);
        var response = await SendAsync(form.Request(fields, form.Submitters.Count > 0 ? form.Submitters[0] : null), keepCookies: true);
        Assert.True(response.Redirects.Count > 0 && !response.Url.StartsWith("/account/sign-in", StringComparison.Ordinal), $"Signing in as {email} failed: {(int)response.Status} at {response.Url}");
    }

    private static void Set(List<KeyValuePair<string, FormValue>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, FormValue.Of(value)));
    }
}
