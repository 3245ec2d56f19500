using System.Text.RegularExpressions;

namespace CloudMart.Tests.Web;

/// <summary>The storefront's HTML as a crawler or a browser first receives it: titles, links, headers, sizes.</summary>
public abstract partial class StorefrontPages(ShopFactory shop)
{
    private const int MaxPageBytes = 150 * 1024;
    private const string Product = "/p/carbon-steel-wok-with-wooden-handle-32-cm";

    private HttpClient Visitor() => shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/c/kitchen")]
    [InlineData("/c/kitchen?sort=-price&inStock=true&page=2")]
    [InlineData("/search?q=steel")]
    [InlineData(Product)]
    [InlineData("/cart")]
    [InlineData("/account/sign-up")]
    [InlineData("/help")]
    [InlineData("/help/returns")]
    public async Task Every_storefront_page_has_a_title_a_description_and_stays_under_150_KB(string path)
    {
        var response = await Visitor().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html[Math.Max(0, html.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.Matches("<title>[^<]+ CloudMart|<title>CloudMart", html);
        Assert.Matches("<meta name=\"description\" content=\"[^\"]{20,}\"", html);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < MaxPageBytes, $"{path} is {html.Length / 1024} KB of HTML.");
    }

    [Fact]
    public async Task A_product_page_has_a_canonical_slug_link_and_schema_org_product_offer_data()
    {
        var html = await Visitor().GetStringAsync(Product);

        Assert.Matches($"<link rel=\"canonical\" href=\"http://localhost{Product}\"", html);
        var json = JsonLd().Match(html);
        Assert.True(json.Success, "No JSON-LD block.");
        using var data = JsonDocument.Parse(json.Groups[1].Value);
        Assert.Equal("Product", data.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Carbon Steel Wok with Wooden Handle, 32 cm", data.RootElement.GetProperty("name").GetString());
        var offer = data.RootElement.GetProperty("offers");
        Assert.Equal("Offer", offer.GetProperty("@type").GetString());
        Assert.Equal("42.00", offer.GetProperty("price").GetString());
        Assert.Equal("USD", offer.GetProperty("priceCurrency").GetString());
        Assert.Equal("https://schema.org/InStock", offer.GetProperty("availability").GetString());
    }

    [Fact]
    public async Task A_product_reached_by_its_id_names_its_slug_url_as_canonical()
    {
        var product = await Visitor().GetFromJsonAsync<JsonElement>("/api/catalog/products/carbon-steel-wok-with-wooden-handle-32-cm");
        var html = await Visitor().GetStringAsync($"/p/{product.GetProperty("id").GetGuid()}");

        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost{Product}\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/p/no-such-product")]
    [InlineData("/c/no-such-category")]
    [InlineData("/help/no-such-policy")]
    public async Task An_unknown_page_is_a_friendly_404_page_that_leaks_nothing(string path)
    {
        var response = await Visitor().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("find that page", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_pages_are_served_from_the_text_the_assistant_answers_from_and_linked_from_every_page()
    {
        var policy = await Visitor().GetFromJsonAsync<JsonElement>("/api/assistant/policies/returns");
        var firstSection = policy.GetProperty("markdown").GetString()!.Split('\n').First(l => l.StartsWith("## ", StringComparison.Ordinal))[3..];

        var html = await Visitor().GetStringAsync("/help/returns");
        var home = await Visitor().GetStringAsync("/");

        Assert.Contains($">{WebUtility.HtmlEncode(firstSection)}</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/help/returns\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/help/returns\"", home, StringComparison.Ordinal);
        Assert.Contains("<loc>http://localhost/help/delivery</loc>", await Visitor().GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_keeps_answering_unknown_routes_with_json_problems()
    {
        var response = await Visitor().GetAsync("/api/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_that_allows_only_our_own_scripts_and_connections()
    {
        var response = await Visitor().GetAsync("/");
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws://localhost wss://localhost", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Robots_keep_crawlers_out_of_private_areas_and_point_to_the_sitemap()
    {
        var robots = await Visitor().GetStringAsync("/robots.txt");

        foreach (var area in new[] { "/admin", "/account", "/cart", "/checkout", "/api" })
        {
            Assert.Contains($"Disallow: {area}\n", robots, StringComparison.Ordinal);
        }
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sitemap_lists_the_home_page_every_category_and_every_product_on_sale()
    {
        var response = await Visitor().GetAsync("/sitemap.xml");
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        var urls = xml.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        var products = await Visitor().GetFromJsonAsync<JsonElement>("/api/catalog/products?pageSize=1");

        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http://localhost/", urls);
        Assert.Contains("http://localhost/c/kitchen", urls);
        Assert.Contains($"http://localhost{Product}", urls);
        Assert.Equal(products.GetProperty("totalCount").GetInt32(), urls.Count(u => u.StartsWith("http://localhost/p/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_product_without_an_uploaded_image_gets_a_drawn_placeholder_that_browsers_may_cache()
    {
        var product = await Visitor().GetFromJsonAsync<JsonElement>("/api/catalog/products/carbon-steel-wok-with-wooden-handle-32-cm");
        var id = product.GetProperty("id").GetGuid();

        var response = await Visitor().GetAsync($"/images/products/{id}/thumb");
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(">CS</text>", svg, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor().GetAsync($"/images/products/{id}/huge")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Visitor().GetAsync($"/images/products/{Guid.NewGuid()}/thumb")).StatusCode);
    }

    [Fact]
    public async Task An_uploaded_image_is_served_in_place_of_the_placeholder()
    {
        var product = await Visitor().GetFromJsonAsync<JsonElement>("/api/catalog/products/carbon-steel-wok-with-wooden-handle-32-cm");
        var id = product.GetProperty("id").GetGuid();
        var folder = Path.Combine(shop.DataDirectory, "images", "products", id.ToString("N"));
        Directory.CreateDirectory(folder);
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8];
        await File.WriteAllBytesAsync(Path.Combine(folder, "large.webp"), webp);

        var response = await Visitor().GetAsync($"/images/products/{id}/large");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(webp, await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Forms_carry_an_antiforgery_token_and_a_post_without_one_is_refused()
    {
        var client = Visitor();
        var html = await client.GetStringAsync(Product);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);

        var forged = await client.PostAsync(Product, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-to-cart",
            ["Input.Quantity"] = "1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("cloudmart.cart=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Checkout_and_the_account_send_an_anonymous_visitor_to_sign_in()
    {
        foreach (var path in new[] { "/checkout", "/account" })
        {
            var response = await Visitor().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_tampered_cart_cookie_is_ignored_and_the_cart_shows_empty()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/cart");
        request.Headers.Add("Cookie", "cloudmart.cart=CfDJ8not-a-protected-value");

        var response = await Visitor().SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your cart is empty.", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();
}

public class SqliteDemoShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["CloudMart:Seed:DemoCatalog"] = "true" };
}

public class PostgresDemoShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["CloudMart:Seed:DemoCatalog"] = "true" };
}

public sealed class StorefrontPagesOnSqlite(SqliteDemoShop shop) : StorefrontPages(shop), IClassFixture<SqliteDemoShop>;

public sealed class StorefrontPagesOnPostgres(PostgresDemoShop shop) : StorefrontPages(shop), IClassFixture<PostgresDemoShop>;
