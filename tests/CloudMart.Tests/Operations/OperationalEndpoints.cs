namespace CloudMart.Tests.Operations;

/// <summary>What operators and client developers rely on: health, metrics, the API document and its reference page.</summary>
public abstract class OperationalEndpoints(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task Liveness_answers_200_anonymously()
    {
        var response = await _api.Anonymous().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_200_with_a_healthy_json_report()
    {
        var response = await _api.Anonymous().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = await response.Json();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Contains(report.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database");
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format_after_requests()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.Anonymous().GetAsync("/api/catalog/categories")).StatusCode);

        var response = await _api.Anonymous().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE", text, StringComparison.Ordinal);
        Assert.True(text.Contains("http_server_request_duration", StringComparison.Ordinal) || text.Contains("cloudmart", StringComparison.Ordinal),
            "The scrape shows neither HTTP server metrics nor CloudMart's own.");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_contracts_paths()
    {
        var response = await _api.Anonymous().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Json();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[]
        {
            "/api/orders", "/api/orders/{id}", "/api/orders/{id}/cancel", "/api/orders/{id}/ship", "/api/orders/{id}/deliver",
            "/api/catalog/products", "/api/catalog/products/{id}", "/api/catalog/products/{idOrSlug}", "/api/catalog/categories",
            "/api/auth/login", "/api/auth/register", "/api/auth/refresh", "/api/me",
            "/api/cart", "/api/cart/items/{productId}", "/api/inventory/{sku}", "/api/inventory/{sku}/adjustments",
            "/api/admin/users", "/api/admin/users/{id}/roles",
        })
        {
            Assert.True(paths.Contains(path), $"The OpenAPI document lacks {path}; it has: {string.Join(", ", paths.Order())}");
        }
        Assert.Equal("CloudMart API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_api_reference_page_is_html()
    {
        var response = await _api.Anonymous().GetAsync("/api-reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem()
    {
        await (await _api.Anonymous().GetAsync("/api/no-such-thing")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Api_responses_carry_the_protective_headers_even_when_the_request_is_bad()
    {
        var customer = await _api.SharedCustomerAsync();
        var good = await customer.Client.GetAsync("/api/cart");
        var malformed = await customer.Client.PutAsync($"/api/cart/items/{Guid.NewGuid()}", Api.RawJson("{\"quantity\":"));

        foreach (var response in new[] { good, malformed })
        {
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }
    }
}

public sealed class OperationalEndpointsOnSqlite(SqliteShop shop) : OperationalEndpoints(shop), IClassFixture<SqliteShop>;

public sealed class OperationalEndpointsOnPostgres(PostgresShop shop) : OperationalEndpoints(shop), IClassFixture<PostgresShop>;
