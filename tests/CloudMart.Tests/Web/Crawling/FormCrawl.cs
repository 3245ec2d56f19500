using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Web.Crawling;

/// <summary>
/// Every page of the shop (storefront, account, back-office, help), found in the app's own route table, visited as each
/// kind of visitor; every form on it submitted as a browser would — with sensible input and with empty, far too long,
/// wrongly typed and unknown-id input, and without its antiforgery token. No answer may be an error page: the page
/// comes back with what happened, or a redirect to sign in, or the "not allowed" page. A new page is crawled without
/// touching this test; a new route parameter asks for a sample value below.
/// </summary>
public abstract class FormCrawl(ShopFactory shop)
{
    /// <summary>Forms of one shape (a row's "Save" on each row) are submitted on this many rows, not all.</summary>
    private const int FormsPerShape = 2;

    private readonly Api _api = shop.Api();

    public static TheoryData<string> Visitors => new() { "anonymous", "customer", "support", "admin" };

    /// <summary>The forms each kind of visitor must have met, so the crawl cannot pass by finding nothing.</summary>
    private static readonly Dictionary<string, string[]> MustMeet = new()
    {
        ["anonymous"] = ["add-to-cart", "cart", "sign-in", "sign-up"],
        ["customer"] = ["add-to-cart", "cart", "checkout", "sign-out"],
        ["support"] = ["cancel", "sign-out"],
        ["admin"] = ["cancel", "ship", "deliver", "product", "archive", "adjust", "roles-{id}", "/admin/products/{id}/image"],
    };

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Every_form_on_every_page_answers_with_a_page_whatever_is_submitted(string who)
    {
        var samples = await SamplesAsync();
        var visitor = await VisitorAsync(who, samples);
        var failures = new List<string>();
        var met = new HashSet<string>(StringComparer.Ordinal);
        var requests = 0;

        foreach (var route in PageRoutes().OrderBy(r => r.EndsWith("/checkout", StringComparison.Ordinal) ? 1 : 0).ThenBy(r => r, StringComparer.Ordinal))
        {
            foreach (var url in samples.UrlsFor(route))
            {
                if (url is "/cart" or "/checkout")
                {
                    await FillCartAsync(visitor); // an earlier submission may have emptied it
                }
                var page = await visitor.GetAsync(url);
                requests++;
                if (PageVerdict.Problem(page) is { } pageProblem)
                {
                    failures.Add($"GET {url} → {pageProblem}");
                    continue;
                }
                foreach (var seen in HtmlForm.AllIn(page.Body, page.Url).GroupBy(f => f.Shape).SelectMany(g => g.Take(FormsPerShape)))
                {
                    met.Add(Guids(seen.Handler ?? seen.Action.Split('?')[0]));
                    // An earlier form on the page may have changed what this one acts on (shipping hides "cancel"): the
                    // page as it is now decides whether the form is current, and a current form must be taken.
                    var now = await visitor.GetAsync(url);
                    var current = HtmlForm.AllIn(now.Body, now.Url).FirstOrDefault(f => f.Handler == seen.Handler && f.Action == seen.Action && f.Shape == seen.Shape);
                    var form = current ?? seen;
                    var first = true;
                    foreach (var submission in FormInputs.For(form))
                    {
                        var response = await visitor.SendAsync(form.Request(submission.Values, submission.Pressed, submission.Action), keepCookies: false);
                        requests++;
                        if (PageVerdict.Problem(response, submission.ErrorExpected) is { } problem)
                        {
                            failures.Add($"{form.Method} {form.Handler ?? form.Action} on {url}, {submission.Name} → {problem}");
                        }
                        else if (first && current is not null && PageVerdict.RefusedAsStale(response))
                        {
                            // The cart's bug: the page did not render its own form for the post, so the post found no form.
                            failures.Add($"{form.Method} {form.Handler ?? form.Action} on {url}, {submission.Name} → refused as out of date although the page had just shown it");
                        }
                        first = false;
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} answers were error pages for {who}:\n" + string.Join('\n', failures));
        Assert.All(MustMeet[who], form => Assert.True(met.Contains(form), $"The crawl as {who} never met the form “{form}”; met: {string.Join(", ", met.Order())}"));
    }

    /// <summary>Every Blazor page the app routes to, from its endpoint data sources.</summary>
    private IReadOnlyList<string> PageRoutes() =>
        shop.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string Guids(string text) => HtmlForm.Guids().Replace(text, "{id}");

    private async Task<WebVisitor> VisitorAsync(string who, Samples samples)
    {
        var visitor = new WebVisitor(shop);
        switch (who)
        {
            case "customer":
                await visitor.SignInAsync(samples.Customer.Email, samples.Customer.Password);
                break;
            case "support":
                var support = await _api.StaffAsync("support");
                await visitor.SignInAsync(support.Email, support.Password);
                break;
            case "admin":
                await visitor.SignInAsync(ShopFactory.AdminEmail, ShopFactory.AdminPassword);
                break;
        }
        await FillCartAsync(visitor);
        return visitor;
    }

    /// <summary>Puts a product in the cart through the product page's own form, so the cart page has its form.</summary>
    private static async Task FillCartAsync(WebVisitor visitor)
    {
        var page = await visitor.GetAsync($"/p/{Samples.SeededProduct}"); // never archived by the crawl
        var form = HtmlForm.AllIn(page.Body, page.Url).Single(f => f.Handler == "add-to-cart");
        var added = await visitor.SendAsync(form.Request(form.DefaultFields(), form.Submitters.Count > 0 ? form.Submitters[0] : null), keepCookies: true);
        Assert.True(added.Url.Contains("added=true", StringComparison.Ordinal), $"Adding to the cart failed: {(int)added.Status} at {added.Url}");
    }

    /// <summary>Fresh records for one crawl: a product, and a customer's orders in each state the back-office acts on.</summary>
    private async Task<Samples> SamplesAsync()
    {
        var product = await _api.CreateProductAsync(stock: 500, price: 12m, category: "kitchen");
        var customer = await _api.CustomerAsync();
        var placed = await OrderAsync(customer, product);
        var confirmed = await OrderAsync(customer, product);
        await _api.ConfirmPaymentAsync(confirmed);
        var shipped = await OrderAsync(customer, product);
        await _api.ConfirmPaymentAsync(shipped);
        var ship = await (await _api.SharedAdminAsync()).PostAsJsonAsync($"/api/orders/{shipped}/ship", new { carrier = "DHL", trackingNumber = "CRAWL1" });
        Assert.Equal(HttpStatusCode.OK, ship.StatusCode);
        return new Samples(product, customer, [placed, confirmed, shipped]);
    }

    private static async Task<Guid> OrderAsync(Customer customer, TestProduct product) =>
        (await Api.PlacedOrderAsync(customer.Client, (product.Id, 1))).GetProperty("id").GetGuid();

    private sealed record Samples(TestProduct Product, Customer Customer, Guid[] Orders)
    {
        public const string SeededProduct = "carbon-steel-wok-with-wooden-handle-32-cm";

        /// <summary>The addresses to visit for a route: sample records, and one that does not exist.</summary>
        public IEnumerable<string> UrlsFor(string route)
        {
            string[] values = route switch
            {
                "/p/{Slug}" => [SeededProduct, Product.Id.ToString(), "no-such-product"],
                "/c/{Slug}" => ["kitchen", "no-such-category"],
                "/help/{Slug}" => ["returns", "no-such-policy"],
                "/error/{Code:int}" => ["404", "403"], // 500 answers 500 by design: it is the page for one
                "/admin/inventory/{Sku}" => [Product.Sku, "NO-SUCH-SKU"],
                "/admin/products/{Id:guid}" => [Product.Id.ToString(), Guid.NewGuid().ToString()],
                _ when route.Contains("/orders/{Id:guid}", StringComparison.Ordinal) || route.Contains("/confirmation/{Id:guid}", StringComparison.Ordinal) =>
                    [.. Orders.Select(o => o.ToString()), Guid.NewGuid().ToString()],
                _ when route.Contains('{', StringComparison.Ordinal) =>
                    throw new InvalidOperationException($"The page route {route} is new: add sample values for its parameters to {nameof(FormCrawl)}.{nameof(UrlsFor)}."),
                _ => [""],
            };
            var parameter = route.IndexOf('{', StringComparison.Ordinal);
            return values.Select(v => parameter < 0 ? route : route[..parameter] + Uri.EscapeDataString(v) + route[(route.IndexOf('}', StringComparison.Ordinal) + 1)..]);
        }
    }
}

public sealed class FormCrawlOnSqlite(SqliteDemoShop shop) : FormCrawl(shop), IClassFixture<SqliteDemoShop>;

public sealed class FormCrawlOnPostgres(PostgresDemoShop shop) : FormCrawl(shop), IClassFixture<PostgresDemoShop>;
