using CloudMart.Modules.Catalog.Availability;
using CloudMart.Modules.Catalog.BrowseProducts;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.GenerateCatalog;
using CloudMart.Modules.Catalog.ImportExport;
using CloudMart.Modules.Catalog.ListCategories;
using CloudMart.Modules.Catalog.ManageProducts;
using CloudMart.Modules.Catalog.ProductVectors;
using CloudMart.Modules.Catalog.SearchProducts;
using CloudMart.Modules.Catalog.SeedDemoCatalog;
using CloudMart.Modules.Catalog.ViewProduct;
using CloudMart.Modules.Inventory.Contracts;

namespace CloudMart.Modules.Catalog;

internal static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration, bool runsHandlers)
    {
        services.AddModuleDbContext<CatalogDbContext, SqliteCatalogDbContext, PostgresCatalogDbContext>("catalog");
        services.AddScoped<ICatalog, CatalogFacade>();
        services.AddScoped<IProductFinder, ProductFinder>();
        services.AddScoped<IStockLevelObserver, AvailabilityProjection>();
        services.AddScoped<ProductWriter>();
        services.AddScoped<ProductEditing>();
        services.AddScoped<CatalogPages>();
        services.AddOutputCache(cache => cache.AddPolicy(CatalogPages.Policy, policy => policy.Expire(CatalogPages.Expiry).Tag(CatalogPages.Tag)));
        services.AddScoped<DemoCatalogSeeder>();
        services.AddScoped<SyntheticCatalog>();
        services.AddScoped<CatalogCsv>();
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.Section));
        services.AddSingleton<EmbeddingModel>();
        services.AddSingleton<ProductVectorIndex>();
        services.AddScoped<ProductEmbedder>();
        services.AddScoped<ProductVectorHandler>();
        services.AddScoped<IProductSimilarity, ProductSimilarity>();
        if (runsHandlers)
        {
            // With the event handlers (roles all and worker): web replicas serve search without embedding on start.
            services.AddHostedService<ProductVectorBackfill>();
        }
        services.AddSingleton<SearchVocabulary>();
        services.AddScoped<KeywordIndex>();
        services.AddScoped<HybridSearch>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/catalog").WithTags("Catalog");
        ListCategoriesEndpoint.Map(catalog);
        BrowseProductsEndpoint.Map(catalog);
        ViewProductEndpoint.Map(catalog);
        AddProductEndpoint.Map(catalog);
        ReviseProductEndpoint.Map(catalog);
        ArchiveProductEndpoint.Map(catalog);
        return app;
    }
}
