using System.Net;
using System.Text.RegularExpressions;

namespace CloudMart.Tests.Web;

/// <summary>Posting the shop's server-rendered forms as a browser does: the sign-in page's cookie, a form's antiforgery token.</summary>
internal static partial class PageForms
{
    /// <summary>A browser-like client signed in through the sign-in page (the shop's cookie).</summary>
    public static async Task<HttpClient> SignedInAsync(ShopFactory shop, string email, string password)
    {
        var client = shop.CreateClient();
        var form = await client.GetStringAsync("/account/sign-in");
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = Token(form), ["Input.Email"] = email, ["Input.Password"] = password,
        }));
        Assert.True(response.IsSuccessStatusCode, $"sign-in: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Posts one of <paramref name="formPage"/>'s forms (by its handler name) with the page's antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient page, string url, string handler, string formPage, IDictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["_handler"] = handler, ["__RequestVerificationToken"] = Token(formPage),
        };
        return page.PostAsync(url, new FormUrlEncodedContent(values));
    }

    public static string Token(string html)
    {
        var match = AntiforgeryToken().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
