using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Authorization;

/// <summary>
/// Every /api route (and the MCP endpoint /mcp) against every kind of caller: API.md's routes and those added since (dead letters, webhooks).
/// "401": the caller must sign in; "403": the caller's roles are not enough; "ok": the route lets the caller in
/// (its own answer may still be 400 or 404, never 401, 403 or 5xx).
/// </summary>
public abstract partial class AccessMatrix(ShopFactory shop)
{
    private const string Ok = "ok";
    private const string SignIn = "401";
    private const string Forbidden = "403";

    private readonly Api _api = shop.Api();

    /// <summary>method, route (as API.md writes it), anonymous, customer, support, admin.</summary>
    public static TheoryData<string, string, string, string, string, string> Routes => new()
    {
        { "POST", "/api/auth/register", Ok, Ok, Ok, Ok },
        { "POST", "/api/auth/login", Ok, Ok, Ok, Ok },
        { "POST", "/api/auth/refresh", Ok, Ok, Ok, Ok },
        { "GET", "/api/me", SignIn, Ok, Ok, Ok },
        { "POST", "/api/auth/forgot-password", Ok, Ok, Ok, Ok },
        { "POST", "/api/auth/reset-password", Ok, Ok, Ok, Ok },
        { "POST", "/api/auth/confirm-email", Ok, Ok, Ok, Ok },
        { "GET", "/api/account", SignIn, Ok, Ok, Ok },
        { "DELETE", "/api/account", SignIn, Ok, Ok, Ok },
        { "PUT", "/api/account/name", SignIn, Ok, Ok, Ok },
        { "POST", "/api/account/password", SignIn, Ok, Ok, Ok },
        { "POST", "/api/account/email", SignIn, Ok, Ok, Ok },
        { "GET", "/api/account/data", SignIn, Ok, Ok, Ok },
        { "GET", "/api/account/addresses", SignIn, Ok, Ok, Ok },
        { "POST", "/api/account/addresses", SignIn, Ok, Ok, Ok },
        { "PUT", "/api/account/addresses/{id}", SignIn, Ok, Ok, Ok },
        { "POST", "/api/account/addresses/{id}/default", SignIn, Ok, Ok, Ok },
        { "DELETE", "/api/account/addresses/{id}", SignIn, Ok, Ok, Ok },
        { "GET", "/api/admin/users", SignIn, Forbidden, Ok, Ok },
        { "PUT", "/api/admin/users/{id}/roles", SignIn, Forbidden, Forbidden, Ok },
        { "GET", "/api/catalog/categories", Ok, Ok, Ok, Ok },
        { "GET", "/api/catalog/products", Ok, Ok, Ok, Ok },
        { "GET", "/api/catalog/products/{idOrSlug}", Ok, Ok, Ok, Ok },
        { "POST", "/api/catalog/products", SignIn, Forbidden, Forbidden, Ok },
        { "PUT", "/api/catalog/products/{id}", SignIn, Forbidden, Forbidden, Ok },
        { "DELETE", "/api/catalog/products/{id}", SignIn, Forbidden, Forbidden, Ok },
        { "GET", "/api/inventory/{sku}", SignIn, Forbidden, Ok, Ok },
        { "GET", "/api/inventory/{sku}/adjustments", SignIn, Forbidden, Ok, Ok },
        { "POST", "/api/inventory/{sku}/adjustments", SignIn, Forbidden, Forbidden, Ok },
        { "GET", "/api/cart", SignIn, Ok, Ok, Ok },
        { "PUT", "/api/cart/items/{productId}", SignIn, Ok, Ok, Ok },
        { "DELETE", "/api/cart/items/{productId}", SignIn, Ok, Ok, Ok },
        { "DELETE", "/api/cart", SignIn, Ok, Ok, Ok },
        { "POST", "/api/orders", SignIn, Ok, Ok, Ok },
        { "GET", "/api/orders", SignIn, Ok, Ok, Ok },
        { "GET", "/api/orders/{id}", SignIn, Ok, Ok, Ok },
        { "POST", "/api/orders/{id}/cancel", SignIn, Ok, Ok, Ok },
        { "POST", "/api/orders/{id}/retry-payment", SignIn, Ok, Ok, Ok },
        { "POST", "/api/orders/{id}/put-back-in-cart", SignIn, Ok, Ok, Ok },
        { "POST", "/api/orders/{id}/ship", SignIn, Forbidden, Forbidden, Ok },
        { "POST", "/api/orders/{id}/deliver", SignIn, Forbidden, Forbidden, Ok },
        { "GET", "/api/admin/events/dead-letters", SignIn, Forbidden, Forbidden, Ok },
        { "POST", "/api/admin/events/dead-letters/{id}/replay", SignIn, Forbidden, Forbidden, Ok },
        { "GET", "/api/webhooks", SignIn, Forbidden, Forbidden, Ok },
        { "POST", "/api/webhooks", SignIn, Forbidden, Forbidden, Ok },
        { "GET", "/api/webhooks/{id}", SignIn, Forbidden, Forbidden, Ok },
        { "DELETE", "/api/webhooks/{id}", SignIn, Forbidden, Forbidden, Ok },
        { "GET", "/api/webhooks/{id}/deliveries", SignIn, Forbidden, Forbidden, Ok },
        { "POST", "/api/assistant/chat", SignIn, Ok, Ok, Ok },
        { "POST", "/api/assistant/chat/stream", SignIn, Ok, Ok, Ok },
        { "GET", "/api/assistant/conversations", SignIn, Ok, Ok, Ok },
        { "GET", "/api/assistant/conversations/{id}", SignIn, Ok, Ok, Ok },
        { "GET", "/api/assistant/policies", Ok, Ok, Ok, Ok },
        { "GET", "/api/assistant/policies/{slug}", Ok, Ok, Ok, Ok },
        { "GET", "/api/support/tickets", SignIn, Forbidden, Ok, Ok },
        { "GET", "/api/support/tickets/mine", SignIn, Ok, Ok, Ok },
        { "GET", "/api/support/tickets/{id}", SignIn, Ok, Ok, Ok },
        { "POST", "/mcp", SignIn, Ok, Ok, Ok },
        { "GET", "/api/recommendations/similar/{productId}", Ok, Ok, Ok, Ok },
        { "GET", "/api/recommendations/also-bought/{productId}", Ok, Ok, Ok, Ok },
        { "GET", "/api/recommendations/for-me", SignIn, Ok, Ok, Ok },
        { "POST", "/api/recommendations/views/{productId}", SignIn, Ok, Ok, Ok },
    };

    private sealed record Callers(HttpClient Anonymous, HttpClient Customer, HttpClient Support, HttpClient Admin, string RefreshToken);

    private Task<Callers> CallersAsync() => _api.SharedAsync("access-matrix", async () =>
    {
        var customer = await _api.SharedCustomerAsync();
        var support = await _api.SharedSupportAsync();
        var tokens = await (await _api.LoginAsync(customer.Email, customer.Password)).Json();
        return new Callers(_api.Anonymous(), customer.Client, support.Client, await _api.SharedAdminAsync(), tokens.GetProperty("refreshToken").GetString()!);
    });

    /// <summary>A body each route can read, so that "ok" routes answer for themselves rather than for a missing body.</summary>
    private static string BodyFor(string method, string route, Callers callers) => (method, route) switch
    {
        ("POST", "/api/auth/register") => JsonSerializer.Serialize(new { email = Api.UniqueEmail("matrix"), password = Api.Password }),
        ("POST", "/api/auth/login") => JsonSerializer.Serialize(new { email = ShopFactory.AdminEmail, password = ShopFactory.AdminPassword }),
        ("POST", "/api/auth/refresh") => JsonSerializer.Serialize(new { refreshToken = callers.RefreshToken }),
        _ => "{}",
    };

    private static string Concrete(string route) => Placeholder().Replace(route, match => match.Groups[1].Value switch
    {
        "sku" => "NO-SUCH-SKU",
        "idOrSlug" => "no-such-product",
        _ => Guid.NewGuid().ToString(),
    });

    [Theory]
    [MemberData(nameof(Routes), MemberType = typeof(AccessMatrix))]
    public async Task Every_route_lets_in_exactly_the_callers_the_contract_names(
        string method, string route, string anonymous, string customer, string support, string admin)
    {
        var callers = await CallersAsync();
        var failures = new List<string>();

        foreach (var (who, client, expected) in new[]
        {
            ("anonymous", callers.Anonymous, anonymous), ("customer", callers.Customer, customer),
            ("support", callers.Support, support), ("admin", callers.Admin, admin),
        })
        {
            var body = method is "POST" or "PUT" ? BodyFor(method, route, callers) : null;
            var response = await Api.SendAsync(client, new HttpMethod(method), Concrete(route), body);
            var status = (int)response.StatusCode;
            var ok = expected switch
            {
                SignIn => status == 401,
                Forbidden => status == 403,
                _ => status is not (401 or 403) and < 500,
            };
            if (!ok)
            {
                failures.Add($"{who}: expected {expected}, got {status} {await response.Content.ReadAsStringAsync()}");
            }
            else if (expected is SignIn or Forbidden)
            {
                await response.Problem(response.StatusCode);
            }
        }

        Assert.True(failures.Count == 0, $"{method} {route}:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public void The_matrix_lists_every_api_route_the_app_maps()
    {
        var mapped = shop.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true || e.RoutePattern.RawText?.StartsWith("/mcp", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var listed = Routes.Select(row => $"{row[0]} {row[1]}").ToHashSet();

        Assert.Empty(mapped.Except(listed).Order());
        Assert.Empty(listed.Except(mapped).Order());
    }

    [Fact]
    public async Task Catalog_reads_work_without_signing_in()
    {
        var product = await _api.CreateProductAsync(stock: 2);
        var anonymous = _api.Anonymous();
        var slug = (await (await anonymous.GetAsync($"/api/catalog/products/{product.Id}")).Json()).GetProperty("slug").GetString();

        foreach (var path in new[] { "/api/catalog/categories", "/api/catalog/products", $"/api/catalog/products?q={product.Sku}", $"/api/catalog/products/{product.Id}", $"/api/catalog/products/{slug}" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        }
    }

    /// <summary>"/api/orders/{id:guid}/" → "/api/orders/{id}".</summary>
    private static string Normalise(string pattern) => Constraint().Replace(pattern, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}

public sealed class AccessMatrixOnSqlite(SqliteShop shop) : AccessMatrix(shop), IClassFixture<SqliteShop>;

public sealed class AccessMatrixOnPostgres(PostgresShop shop) : AccessMatrix(shop), IClassFixture<PostgresShop>;
