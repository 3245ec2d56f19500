using CloudMart.Modules.Recommendations.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Recommendations;

/// <summary>Shops whose relay runs quickly, so orders settle and products are embedded as in production.</summary>
internal static class RecommendationSettings
{
    public static IDictionary<string, string?> With(IDictionary<string, string?> settings)
    {
        settings["CloudMart:Relay:Enabled"] = "true";
        settings["CloudMart:Relay:PollInterval"] = "00:00:00.050";
        settings["CloudMart:Relay:FirstRetryDelay"] = "00:00:00.050";
        settings["CloudMart:Search:IndexRefreshInterval"] = "00:00:00.100";
        settings["CloudMart:Recommendations:NeighbourLimit"] = "3"; // small, so a test can reach it
        return settings;
    }
}

public sealed class SqliteRecommendationShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => RecommendationSettings.With(base.Settings);
}

public sealed class PostgresRecommendationShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => RecommendationSettings.With(base.Settings);
}

/// <summary>Customers who buy things, and a way to wait until the recommendations have heard of it.</summary>
internal sealed class Shoppers(ShopFactory shop, Api api)
{
    /// <summary>A new customer who buys one of each product in one order, paid; returns once the model has counted it.</summary>
    public async Task<(Customer Customer, Guid OrderId)> BuyerOfAsync(params TestProduct[] products)
    {
        var customer = await api.CustomerAsync();
        var orderId = await BuyAsync(customer, products);
        return (customer, orderId);
    }

    public async Task<Guid> BuyAsync(Customer customer, params TestProduct[] products)
    {
        var order = await Api.PlacedOrderAsync(customer.Client, products.Select(p => (p.Id, 1)).ToArray());
        var orderId = order.GetProperty("id").GetGuid();
        await WaitForAsync(orderId, PurchaseState.Counted);
        return orderId;
    }

    /// <summary>Polls the module's purchase records until the order's lines reach the state (the relay runs in the background).</summary>
    public async Task WaitForAsync(Guid orderId, PurchaseState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var scope = shop.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
                var states = await db.PurchasedLines.AsNoTracking().Where(l => l.OrderId == orderId).Select(l => l.State).ToListAsync();
                if (states.Count > 0 && states.All(s => s == state))
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for order {orderId} to be {state} in the recommendations.");
            await Task.Delay(50);
        }
    }

    public async Task<TestProduct> ProductAsync(string name, int stock = 100, string? category = null) =>
        await api.NamedProductAsync(name, stock, 12m, category ?? "recs");

    /// <summary>The items of a recommendation list, asserting a 200.</summary>
    public static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Json()).GetProperty("items").EnumerateArray().ToList();
    }

    public static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();

    public static string Reason(JsonElement item) => item.GetProperty("reason").GetString()!;
}
