using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CloudMart.Modules.Assistant.ShopPolicies;
using CloudMart.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Web;

/// <summary>
/// Every promise a help page makes leads somewhere real: each link in the help text opens a page (for a signed-in
/// customer where the page is theirs), and each button or link the text names ("Forgot password") is offered on the
/// page where a shopper would look for it.
/// </summary>
public abstract partial class HelpPromises(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private HttpClient Visitor() => shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Every_link_in_the_help_pages_opens_a_page_for_the_shopper_it_is_meant_for()
    {
        var customer = await _api.CustomerAsync();
        var signedIn = await PageClientAsync(customer);
        var checkedLinks = 0;
        foreach (var slug in PolicyLibrary.Pages)
        {
            var help = await Visitor().GetStringAsync($"/help/{slug}");
            var article = new HtmlParser().ParseDocument(help).QuerySelector("article.help__page")!;
            foreach (var href in article.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Distinct())
            {
                Assert.StartsWith("/", href); // help pages promise the shop's own features, not other sites
                var response = await Visitor().GetAsync(href);
                if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/sign-in", StringComparison.Ordinal))
                {
                    response = await signedIn.GetAsync(href); // a customer's own page: the promise is to them
                }
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"/help/{slug} links to {href}, which answers {(int)response.StatusCode}.");
                checkedLinks++;
            }
        }
        Assert.True(checkedLinks >= 10, $"Only {checkedLinks} links in the help pages: the test would prove little.");
    }

    [Fact]
    public async Task Every_button_a_help_page_names_is_offered_where_the_shopper_looks_for_it()
    {
        var customer = await _api.CustomerAsync();
        var signedIn = await PageClientAsync(customer);
        var product = await _api.ProductAsync(stock: 10);
        var declined = await Api.PlaceOrderAsync(customer.Client, [(product.Id, 1)], paymentToken: "tok_chargeDeclined");
        var declinedId = (await declined.Json()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(customer.Client, declinedId, "PaymentFailed");

        // Where each named control must be, by the help text's own words.
        var whereOffered = new Dictionary<string, string>
        {
            ["Forgot your password"] = "/account/sign-in",
            ["Pay with another card"] = $"/account/orders/{declinedId}",
        };
        var named = PolicyLibrary.Pages
            .SelectMany(slug => QuotedLabel().Matches(Markdown(slug)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.NotEmpty(named);
        foreach (var label in named)
        {
            Assert.True(whereOffered.TryGetValue(label, out var path), $"A help page names \"{label}\": say here on which page it is offered.");
            var html = await signedIn.GetStringAsync(path);
            var controls = new HtmlParser().ParseDocument(html).QuerySelectorAll("a, button, input[type=submit], legend")
                .Select(e => (e.GetAttribute("value") ?? e.TextContent).Trim());
            Assert.True(controls.Any(text => text.StartsWith(label, StringComparison.OrdinalIgnoreCase)), $"{path} offers no \"{label}\".");
        }
    }

    private string Markdown(string slug)
    {
        using var scope = shop.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PolicyLibrary>().AllPages.Single(p => p.Slug == slug).Markdown;
    }

    private static async Task WaitForStatusAsync(HttpClient client, Guid orderId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await (await client.GetAsync($"/api/orders/{orderId}")).Json()).GetProperty("status").GetString() != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} never became {status}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A browser-like client signed in through the sign-in page (the shop's cookie), for the customer's pages.</summary>
    private async Task<HttpClient> PageClientAsync(Customer customer)
    {
        var client = shop.CreateClient();
        var form = await client.GetStringAsync("/account/sign-in");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = token, ["Input.Email"] = customer.Email, ["Input.Password"] = customer.Password,
        }));
        Assert.True(response.IsSuccessStatusCode, $"sign-in: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>A control's label as the help text quotes it: "Forgot password".</summary>
    [GeneratedRegex("\"([A-Z][A-Za-z ]{2,40})\"")]
    private static partial Regex QuotedLabel();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class HelpPromisesOnSqlite(SqlitePipelineShop shop) : HelpPromises(shop), IClassFixture<SqlitePipelineShop>;

public sealed class HelpPromisesOnPostgres(PostgresPipelineShop shop) : HelpPromises(shop), IClassFixture<PostgresPipelineShop>;
