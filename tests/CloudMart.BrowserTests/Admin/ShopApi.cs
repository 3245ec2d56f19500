using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudMart.BrowserTests.Admin;

/// <summary>The running shop's public API, for setting up what a browser test needs (customers, orders) and checking results.</summary>
public sealed class ShopApi(RunningShop shop) : IDisposable
{
    public const string CustomerPassword = "Customer-Passw0rd";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(shop.BaseUrl) };

    public void Dispose() => _http.Dispose();

    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <summary>A new customer account; returns its email and a bearer token.</summary>
    public async Task<(string Email, string Token, Guid Id)> RegisterAsync(string who)
    {
        var email = UniqueEmail(who);
        var registered = await _http.PostAsJsonAsync("/api/auth/register", new { email, password = CustomerPassword });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var token = await TokenAsync(email, CustomerPassword);
        var me = await SendAsync(HttpMethod.Get, "/api/me", token);
        return (email, token, me.GetProperty("id").GetGuid());
    }

    public async Task<string> TokenAsync(string email, string password)
    {
        var login = await _http.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A customer promoted to support by the administrator.</summary>
    public async Task<string> SupportAgentAsync()
    {
        var (email, _, id) = await RegisterAsync("support");
        var admin = await TokenAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        await SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/roles", admin, new { roles = new[] { "support" } });
        return email;
    }

    /// <summary>
    /// A product created by the administrator through the API, with stock, in the last category (the shopper's
    /// journey browses the first one's first page, whichever order the tests run in); returns its id and SKU.
    /// </summary>
    public async Task<(Guid Id, string Sku, string Name)> ProductAsync(string name, int stock = 50)
    {
        var admin = await TokenAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        var categories = await SendAsync(HttpMethod.Get, "/api/catalog/categories", admin);
        var sku = "T-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var product = await SendAsync(HttpMethod.Post, "/api/catalog/products", admin, new
        {
            sku, name, description = "Sturdy, easy to clean and made for everyday use.", price = 12.50m, categorySlug = categories[categories.GetArrayLength() - 1].GetProperty("slug").GetString(), initialStock = stock,
        });
        return (product.GetProperty("id").GetGuid(), sku, name);
    }

    public async Task<JsonElement> PlaceOrderAsync(string customerToken, Guid productId, int quantity) =>
        await SendAsync(HttpMethod.Post, "/api/orders", customerToken, new
        {
            items = new[] { new { productId, quantity } },
            shippingAddress = new { name = "Ada Shopper", line1 = "1 Test Street", city = "Springfield", postalCode = "12345", country = "US" },
            paymentToken = "tok_visa",
        });

    public async Task<JsonElement> OrderAsync(string token, Guid orderId) => await SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", token);

    /// <summary>Polls until the order reaches the status (the payment runs in the background).</summary>
    public async Task<JsonElement> WaitForStatusAsync(string token, Guid orderId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var order = await OrderAsync(token, orderId);
            if (order.GetProperty("status").GetString() == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, order.GetProperty("status").GetString());
                return order;
            }
            await Task.Delay(200);
        }
    }

    public async Task<JsonElement> StockAsync(string sku)
    {
        var admin = await TokenAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        return await SendAsync(HttpMethod.Get, $"/api/inventory/{sku}", admin);
    }

    public async Task<JsonElement> ProductByIdAsync(Guid id)
    {
        var response = await _http.GetAsync($"/api/catalog/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The administrator ships a confirmed order.</summary>
    public async Task ShipAsync(Guid orderId)
    {
        var admin = await TokenAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/ship", admin, new { carrier = "Parcel Co", trackingNumber = "PC-" + orderId.ToString("N")[..8] });
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
