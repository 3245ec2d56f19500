using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudMart.FaultTest;

internal sealed record OrderLine(Guid ProductId, int Quantity);

internal sealed record OrderState(Guid Id, string Number, string Status, IReadOnlyList<OrderLine> Lines, bool WasConfirmed);

internal sealed record Stock(int OnHand, int Reserved, int Available);

/// <summary>API v1 as the fault test needs it; every call but order placement retries while the server is down.</summary>
internal sealed class ShopClient(Uri baseAddress)
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };

    public async Task<string> SignInAsync(string email, string password)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) });
        return (await Json(response)).GetProperty("accessToken").GetString()!;
    }

    public async Task<string> RegisterAsync(string email, string password)
    {
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = JsonContent.Create(new { email, password }) });
        return await SignInAsync(email, password);
    }

    public async Task<(Guid Id, string Sku, int Initial)> CreateProductAsync(string admin, string sku, int stock)
    {
        var response = await SendAsync(() => Authorised(admin, HttpMethod.Post, "/api/catalog/products", new
        {
            sku, name = $"Fault test item {sku}", description = "Stock for the crash proof.", price = 12.5m, categorySlug = "kitchen", initialStock = stock,
        }));
        return ((await Json(response)).GetProperty("id").GetGuid(), sku, stock);
    }

    /// <returns>null when the server did not answer (it was killed): the caller retries with the same key.</returns>
    public async Task<(HttpStatusCode Status, Guid Id, string Number)?> TryPlaceAsync(string token, string idempotencyKey, object body)
    {
        try
        {
            using var request = Authorised(token, HttpMethod.Post, "/api/orders", body);
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await _http.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"The server answered {(int)response.StatusCode} to an order: {await response.Content.ReadAsStringAsync()}");
            }
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return (response.StatusCode, Guid.Empty, "");
            }
            var order = await Json(response);
            return (response.StatusCode, order.GetProperty("id").GetGuid(), order.GetProperty("number").GetString()!);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<int> CountAsync(string admin, string status) =>
        (await Json(await SendAsync(() => Authorised(admin, HttpMethod.Get, $"/api/orders?status={status}&pageSize=1")))).GetProperty("totalCount").GetInt32();

    public async Task<List<OrderState>> AllOrdersAsync(string admin)
    {
        var orders = new List<OrderState>();
        for (var page = 1; ; page++)
        {
            var json = await Json(await SendAsync(() => Authorised(admin, HttpMethod.Get, $"/api/orders?page={page}&pageSize=100")));
            foreach (var o in json.GetProperty("items").EnumerateArray())
            {
                orders.Add(new OrderState(o.GetProperty("id").GetGuid(), o.GetProperty("number").GetString()!, o.GetProperty("status").GetString()!,
                    o.GetProperty("items").EnumerateArray().Select(l => new OrderLine(l.GetProperty("productId").GetGuid(), l.GetProperty("quantity").GetInt32())).ToList(),
                    o.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("status").GetString() == "Confirmed")));
            }
            if (page * 100 >= json.GetProperty("totalCount").GetInt32())
            {
                return orders;
            }
        }
    }

    public async Task ShipAsync(string admin, Guid orderId) =>
        await SendAsync(() => Authorised(admin, HttpMethod.Post, $"/api/orders/{orderId}/ship", new { carrier = "Fault Express" }));

    public async Task<Stock> StockAsync(string admin, string sku)
    {
        var json = await Json(await SendAsync(() => Authorised(admin, HttpMethod.Get, $"/api/inventory/{sku}")));
        return new Stock(json.GetProperty("onHand").GetInt32(), json.GetProperty("reserved").GetInt32(), json.GetProperty("available").GetInt32());
    }

    public async Task RegisterWebhookAsync(string admin, string url, string[] eventTypes) =>
        await SendAsync(() => Authorised(admin, HttpMethod.Post, "/api/webhooks", new { url, eventTypes, description = "fault test receiver" }));

    public async Task<int> DeadLetterCountAsync(string admin) =>
        (await Json(await SendAsync(() => Authorised(admin, HttpMethod.Get, "/api/admin/events/dead-letters?pageSize=1")))).GetProperty("totalCount").GetInt32();

    private static HttpRequestMessage Authorised(string token, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await _http.SendAsync(request());
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                return response;
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && attempt < 300)
            {
                await Task.Delay(200); // the server is being restarted
            }
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
