using System.Net.Http.Headers;
using CloudMart.Modules.Catalog.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Infrastructure;

public sealed record Customer(HttpClient Client, Guid Id, string Email, string Password);

public sealed record TestProduct(Guid Id, string Sku, decimal Price);

/// <summary>Speaks API v1 to the shop under test, the way a client would.</summary>
public sealed class Api(ShopFactory shop)
{
    public const string Password = "Customer-Passw0rd";
    private static int _counter;

    public HttpClient Anonymous() => shop.CreateClient();

    public async Task<HttpClient> AdminAsync() => await SignedInAsync(ShopFactory.AdminEmail, ShopFactory.AdminPassword);

    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = shop.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Json()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string UniqueEmail(string prefix = "shopper") =>
        $"{prefix}{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}@example.com";

    public async Task<Customer> CustomerAsync(string? email = null)
    {
        email ??= UniqueEmail();
        var client = shop.CreateClient();
        var register = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
        Assert.True(register.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await register.Content.ReadAsStringAsync());
        var id = (await register.Json()).GetProperty("id").GetGuid();
        return new Customer(await SignedInAsync(email, Password), id, email, Password);
    }

    /// <summary>Adds a category straight into the catalog's tables (the API has no category endpoint yet).</summary>
    public async Task EnsureCategoryAsync(string slug, string? name = null)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        if (!db.Categories.Any(c => c.Slug == slug))
        {
            db.Categories.Add(new Category { Id = Guid.CreateVersion7(), Slug = slug, Name = name ?? slug });
            await db.SaveChangesAsync();
        }
    }

    public async Task<TestProduct> ProductAsync(int stock, decimal price = 10m, string category = "general", string? sku = null)
    {
        await EnsureCategoryAsync(category);
        var admin = await AdminAsync();
        sku ??= "T-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/catalog/products", new
        {
            sku, name = $"Test product {sku}", description = "A product made for a test.", price, categorySlug = category, initialStock = stock,
            attributes = new Dictionary<string, string> { ["color"] = "Blue" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Json();
        return new TestProduct(json.GetProperty("id").GetGuid(), json.GetProperty("sku").GetString()!, price);
    }

    public static object Address(string country = "US") =>
        new { name = "Ada Shopper", line1 = "12 Harbour Road", city = "Portland", postalCode = "97201", country };

    public static Task<HttpResponseMessage> PlaceOrderAsync(HttpClient client, IEnumerable<(Guid ProductId, int Quantity)>? items, string? idempotencyKey = null, string paymentToken = "tok_visa")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                items = items?.Select(i => new { productId = i.ProductId, quantity = i.Quantity }).ToArray(),
                shippingAddress = Address(),
                paymentToken,
            }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    public async Task<JsonElement> StockAsync(string sku)
    {
        var admin = await AdminAsync();
        var response = await admin.GetAsync($"/api/inventory/{sku}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }
}

public static class HttpJson
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"Expected a JSON body with {(int)response.StatusCode}.");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem response with the status, and returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }
}
