using CloudMart.Modules.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Inventory;

/// <summary>The back-office's low-stock list, on each store: products at or below their threshold, emptiest first.</summary>
public abstract class ListingLowStock(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private async Task<IReadOnlyList<StockView>> RunningLowAsync()
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IStockDesk>().RunningLowAsync(100, CancellationToken.None);
    }

    [Fact]
    public async Task Lists_products_at_or_below_their_threshold_emptiest_first_and_follows_reservations()
    {
        var two = await _api.CreateProductAsync(stock: 2);
        var five = await _api.CreateProductAsync(stock: 5);
        var plenty = await _api.CreateProductAsync(stock: 50);
        var six = await _api.CreateProductAsync(stock: 6);

        Assert.Equal([two.Sku, five.Sku], (await RunningLowAsync()).Select(s => s.Sku).ToArray());

        var buyer = await _api.SharedCustomerAsync();
        await Api.PlacedOrderAsync(buyer.Client, (plenty.Id, 49));

        var low = await RunningLowAsync();
        Assert.Equal([plenty.Sku, two.Sku, five.Sku], low.Select(s => s.Sku).ToArray());
        Assert.Equal(1, low[0].Available);
        Assert.Equal(49, low[0].Reserved);
        Assert.DoesNotContain(six.Sku, low.Select(s => s.Sku));
    }
}

public sealed class ListingLowStockOnSqlite(SqliteShop shop) : ListingLowStock(shop), IClassFixture<SqliteShop>;

public sealed class ListingLowStockOnPostgres(PostgresShop shop) : ListingLowStock(shop), IClassFixture<PostgresShop>;

public sealed class ListingLowStockOnDynamoDb(DynamoShop shop) : ListingLowStock(shop), IClassFixture<DynamoShop>;
