using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Catalog;

/// <summary>Shops whose relay runs, so products are embedded from their events as in production.</summary>
internal static class SearchSettings
{
    public static IDictionary<string, string?> With(IDictionary<string, string?> settings)
    {
        settings["CloudMart:Relay:Enabled"] = "true";
        settings["CloudMart:Relay:PollInterval"] = "00:00:00.050";
        settings["CloudMart:Relay:FirstRetryDelay"] = "00:00:00.050";
        settings["CloudMart:Search:IndexRefreshInterval"] = "00:00:00.100";
        settings["CloudMart:Search:VocabularyRefreshInterval"] = "00:00:00.100";
        return settings;
    }
}

public sealed class SqliteSearchShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => SearchSettings.With(base.Settings);
}

public sealed class PostgresSearchShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => SearchSettings.With(base.Settings);
}

/// <summary>Reads the catalog's vector table and waits for the relay to catch up.</summary>
internal static class Vectors
{
    public static async Task<ProductVector?> RowAsync(ShopFactory shop, Guid productId)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return await db.ProductVectors.AsNoTracking().SingleOrDefaultAsync(v => v.ProductId == productId);
    }

    /// <summary>Polls until the product's vector row satisfies the condition (the relay runs in the background).</summary>
    public static async Task<ProductVector> WaitForAsync(ShopFactory shop, Guid productId, Func<ProductVector, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var row = await RowAsync(shop, productId);
            if (row is not null && condition(row))
            {
                return row;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    public static Task<ProductVector> EmbeddedAsync(ShopFactory shop, Guid productId) =>
        WaitForAsync(shop, productId, v => !v.IsArchived && v.Vector.Length > 0, "the product is embedded");

    public static async Task AllEmbeddedAsync(ShopFactory shop, IEnumerable<Guid> productIds)
    {
        foreach (var id in productIds)
        {
            await EmbeddedAsync(shop, id);
        }
    }
}

/// <summary>Products with the text search cares about, created through the API.</summary>
internal static class SearchCatalog
{
    public static async Task<TestProduct> ProductAsync(Api api, string category, string name, string description, decimal price = 20m, int stock = 5, Dictionary<string, string>? attributes = null)
    {
        await api.EnsureCategoryAsync(category, category);
        var admin = await api.SharedAdminAsync();
        var sku = "S-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/catalog/products", new
        {
            sku, name, description, price, categorySlug = category, initialStock = stock, attributes = attributes ?? [],
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return new TestProduct((await response.Json()).GetProperty("id").GetGuid(), sku, price);
    }
}
