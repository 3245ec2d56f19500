namespace CloudMart.Tests.Pipeline;

/// <summary>Outbound webhooks: registration, signed deliveries, retries with a log admins can read.</summary>
public abstract class Webhooks(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_registered_endpoint_receives_each_subscribed_event_signed_with_its_secret()
    {
        using var receiver = new WebhookReceiver();
        var admin = await _api.AdminAsync();
        var registered = await admin.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, eventTypes = new[] { "OrderPlaced", "OrderConfirmed" }, description = "ERP" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var webhook = await registered.Json();
        receiver.Secret = webhook.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", receiver.Secret, StringComparison.Ordinal);
        var product = await _api.ProductAsync(stock: 10);
        var buyer = await _api.CustomerAsync();

        var order = await (await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 1)])).Json();

        var orderId = order.GetProperty("id").GetString()!;
        await WaitUntilAsync(() => receiver.Received.Count(r => r.Body.Contains(orderId, StringComparison.Ordinal)) >= 2, "two webhooks");
        var mine = receiver.Received.Where(r => r.Body.Contains(orderId, StringComparison.Ordinal)).ToList();
        Assert.Equal(["OrderConfirmed", "OrderPlaced"], mine.Select(r => r.Type).Order().ToArray());
        Assert.All(mine, r => Assert.True(r.SignatureValid, "the signature must verify with the endpoint's secret"));
        Assert.All(mine, r => Assert.Equal(r.EventId, JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()));
        var id = webhook.GetProperty("id").GetGuid();
        Assert.False((await (await admin.GetAsync($"/api/webhooks/{id}")).Json()).TryGetProperty("secret", out var secret) && secret.ValueKind == JsonValueKind.String);
        var deliveries = await (await admin.GetAsync($"/api/webhooks/{id}/deliveries")).Json();
        Assert.Contains(deliveries.GetProperty("items").EnumerateArray(), d => d.GetProperty("status").GetString() == "Delivered" && d.GetProperty("lastStatusCode").GetInt32() == 204);
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_and_the_attempts_are_logged()
    {
        using var receiver = new WebhookReceiver(failFirst: 2);
        var admin = await _api.AdminAsync();
        var webhook = await (await admin.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, eventTypes = new[] { "ProductCreated" } })).Json();
        receiver.Secret = webhook.GetProperty("secret").GetString();

        var product = await _api.ProductAsync(stock: 1);

        await WaitUntilAsync(() => !receiver.Effects.IsEmpty, "a successful delivery");
        var id = webhook.GetProperty("id").GetGuid();
        JsonElement delivery = default;
        await WaitUntilAsync(() =>
        {
            delivery = admin.GetAsync($"/api/webhooks/{id}/deliveries").Result.Json().Result.GetProperty("items")[0];
            return delivery.GetProperty("status").GetString() == "Delivered";
        }, "the delivery to be marked delivered");
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Effects);
        Assert.Contains(product.Sku, receiver.Received.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_checks_the_url_and_the_event_types_and_needs_an_admin()
    {
        var admin = await _api.AdminAsync();
        var customer = await _api.CustomerAsync();
        await (await admin.PostAsJsonAsync("/api/webhooks", new { url = "ftp://example.com/x", eventTypes = new[] { "OrderPlaced" } })).Problem(HttpStatusCode.BadRequest);
        await (await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/x", eventTypes = new[] { "OrderExploded" } })).Problem(HttpStatusCode.BadRequest);
        await (await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/x", eventTypes = Array.Empty<string>() })).Problem(HttpStatusCode.BadRequest);
        await (await customer.Client.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/x", eventTypes = new[] { "OrderPlaced" } })).Problem(HttpStatusCode.Forbidden);
        await (await _api.Anonymous().GetAsync("/api/webhooks")).Problem(HttpStatusCode.Unauthorized);
        var created = await (await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/hook", eventTypes = new[] { "OrderShipped" } })).Json();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/webhooks/{created.GetProperty("id").GetGuid()}")).StatusCode);
        await (await admin.GetAsync($"/api/webhooks/{created.GetProperty("id").GetGuid()}")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class WebhooksOnSqlite(SqlitePipelineShop shop) : Webhooks(shop), IClassFixture<SqlitePipelineShop>;

public sealed class WebhooksOnPostgres(PostgresPipelineShop shop) : Webhooks(shop), IClassFixture<PostgresPipelineShop>;
