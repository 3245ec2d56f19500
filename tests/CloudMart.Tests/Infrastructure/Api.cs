using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Ordering.Data;
using Microsoft.EntityFrameworkCore;
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

    public async Task<TestProduct> ProductAsync(int stock, decimal price = 10m, string category = "general", string? sku = null) =>
        await CreateProductWithAsync(await AdminAsync(), stock, price, category, sku);

    private async Task<TestProduct> CreateProductWithAsync(HttpClient admin, int stock, decimal price, string category, string? sku)
    {
        await EnsureCategoryAsync(category);
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

    // ---- Shared per test class -------------------------------------------------------------------------------------

    private static readonly ConditionalWeakTable<ShopFactory, ConcurrentDictionary<string, Lazy<Task<object>>>> Shared = new();

    /// <summary>
    /// Something made once per test class (its fixture) and reused by every test of the class: a signed-in customer,
    /// a product to aim bad input at. Tests of one class run one after another, so sharing is safe.
    /// </summary>
    public async Task<T> SharedAsync<T>(string key, Func<Task<T>> create)
        where T : notnull
    {
        var entries = Shared.GetOrCreateValue(shop);
        var entry = entries.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create()));
        return (T)await entry.Value;
    }

    /// <summary>The administrator, signed in once per test class.</summary>
    public Task<HttpClient> SharedAdminAsync() => SharedAsync("admin", AdminAsync);

    /// <summary>A customer signed in once per test class.</summary>
    public Task<Customer> SharedCustomerAsync() => SharedAsync("customer", () => CustomerAsync());

    /// <summary>A support agent signed in once per test class.</summary>
    public Task<Customer> SharedSupportAsync() => SharedAsync("support", () => StaffAsync("support"));

    // ---- Accounts --------------------------------------------------------------------------------------------------

    /// <summary>A new account granted <paramref name="role"/> by the admin, signed in after the grant so its token carries the role.</summary>
    public async Task<Customer> StaffAsync(string role)
    {
        var account = await CustomerAsync(UniqueEmail(role));
        var admin = await SharedAdminAsync();
        var grant = await admin.PutAsJsonAsync($"/api/admin/users/{account.Id}/roles", new { roles = new[] { role } });
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        return account with { Client = await SignedInAsync(account.Email, account.Password) };
    }

    /// <summary>POST /api/auth/login as an anonymous client, returning the raw response.</summary>
    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        Anonymous().PostAsJsonAsync("/api/auth/login", new { email, password });

    /// <summary>A client that sends the given access token.</summary>
    public HttpClient WithToken(string accessToken)
    {
        var client = shop.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<Guid> IdOfAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/me")).Json()).GetProperty("id").GetGuid();

    public async Task<int> AccountCountAsync() => await TotalCountAsync(await SharedAdminAsync(), "/api/admin/users?pageSize=1");

    // ---- Catalog ---------------------------------------------------------------------------------------------------

    public static string UniqueSlug(string prefix = "cat") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Like <see cref="ProductAsync"/>, through the admin signed in once per test class (signing in costs a password hash).</summary>
    public async Task<TestProduct> CreateProductAsync(int stock, decimal price = 10m, string category = "general", string? sku = null) =>
        await CreateProductWithAsync(await SharedAdminAsync(), stock, price, category, sku);

    /// <summary>A product with a chosen name and category, created through the API by the admin.</summary>
    public async Task<TestProduct> NamedProductAsync(string name, int stock, decimal price, string category, string? sku = null)
    {
        await EnsureCategoryAsync(category);
        var admin = await SharedAdminAsync();
        sku ??= "T-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/catalog/products", new
        {
            sku, name, description = "A product made for a test.", price, categorySlug = category, initialStock = stock,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new TestProduct((await response.Json()).GetProperty("id").GetGuid(), sku, price);
    }

    public async Task ArchiveAsync(Guid productId)
    {
        var admin = await SharedAdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/catalog/products/{productId}")).StatusCode);
    }

    /// <summary>Sets a product's rating straight in the catalog's tables (reviews do not exist yet).</summary>
    public async Task RateAsync(Guid productId, double rating, int reviewCount)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await db.Products.Where(p => p.Id == productId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Rating, rating).SetProperty(p => p.ReviewCount, reviewCount));
    }

    /// <summary>Like <see cref="StockAsync"/>, through the admin signed in once per test class.</summary>
    public async Task<JsonElement> StockOfAsync(string sku)
    {
        var response = await (await SharedAdminAsync()).GetAsync($"/api/inventory/{sku}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    /// <summary>Products on sale, as anyone sees them.</summary>
    public async Task<int> ProductCountAsync() => await TotalCountAsync(Anonymous(), "/api/catalog/products?pageSize=1");

    // ---- Orders ----------------------------------------------------------------------------------------------------

    /// <summary>Places an order that must succeed and returns it.</summary>
    public static async Task<JsonElement> PlacedOrderAsync(HttpClient client, params (Guid ProductId, int Quantity)[] items)
    {
        var response = await PlaceOrderAsync(client, items);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    /// <summary>
    /// Moves an order from Placed to Confirmed the way the payment workflow will, through the order aggregate,
    /// because that workflow has no HTTP route.
    /// </summary>
    public async Task ConfirmPaymentAsync(Guid orderId)
    {
        if (shop is DynamoShop)
        {
            await using var dynamo = shop.Services.CreateAsyncScope();
            await dynamo.ServiceProvider.GetRequiredService<CloudMart.Modules.Ordering.Data.DynamoDb.DynamoPaymentSettlement>()
                .SettleAsync(orderId, new CloudMart.Modules.Ordering.Payments.PaymentOutcome(true, "test", null), CancellationToken.None);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = shop.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
            var order = await db.Orders.FirstAsync(o => o.Id == orderId);
            if (order.Status == CloudMart.Modules.Ordering.OrderStatus.Confirmed)
            {
                return; // a payment workflow got there first
            }
            Assert.Null(order.ConfirmPayment(DateTime.UtcNow));
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // the order moved meanwhile (a payment workflow); read it again
            }
        }
    }

    /// <summary>Every order in the shop, as the admin counts them.</summary>
    public async Task<int> OrderCountAsync() => await TotalCountAsync(await SharedAdminAsync(), "/api/orders?pageSize=1");

    // ---- Raw HTTP --------------------------------------------------------------------------------------------------

    /// <summary>A body sent exactly as written, for malformed and hostile JSON.</summary>
    public static StringContent RawJson(string text) => new(text, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? rawJson, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = rawJson is null ? null : RawJson(rawJson) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return client.SendAsync(request);
    }

    public static async Task<int> TotalCountAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("totalCount").GetInt32();
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
