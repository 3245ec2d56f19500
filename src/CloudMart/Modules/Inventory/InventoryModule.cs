using CloudMart.Modules.Inventory.AdjustStock;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Inventory.Data;
using CloudMart.Modules.Inventory.Reservations;
using CloudMart.Modules.Inventory.ViewStock;
using CloudMart.Modules.Inventory.Data.DynamoDb;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Inventory;

internal static class InventoryModule
{
    public static IServiceCollection AddInventory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<InventoryDbContext, SqliteInventoryDbContext, PostgresInventoryDbContext>("inventory");
        services.AddStorePort<IInventory, StockLedger, DynamoStockLedger>();
        services.AddScoped<IStockTransactionParts>(sp => sp.GetRequiredService<DynamoStockLedger>());
        services.AddStorePort<IStockDesk, StockList, DynamoStockDesk>();
        services.AddSingleton<CloudMart.Platform.Aws.Streams.IStreamEventSource, DynamoStockLevelEvents>();
        return services;
    }

    public static IEndpointRouteBuilder MapInventory(this IEndpointRouteBuilder app)
    {
        var inventory = app.MapGroup("/api/inventory").WithTags("Inventory");
        ViewStockEndpoint.Map(inventory);
        AdjustStockEndpoint.Map(inventory);
        return app;
    }
}
