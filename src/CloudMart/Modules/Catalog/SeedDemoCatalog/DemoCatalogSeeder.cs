using System.Text.Json;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.ManageProducts;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.SeedDemoCatalog;

/// <summary>
/// Fills an empty shop with the demo catalog written for CloudMart (demo-catalog.json, embedded in the app), so the
/// first <c>dotnet run</c> shows a living shop. Does nothing when any category or product exists.
/// </summary>
internal sealed partial class DemoCatalogSeeder(
    CatalogDbContext db, ProductWriter writer, UnitOfWork unitOfWork, ILogger<DemoCatalogSeeder> logger)
{
    public async Task<int> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Categories.AnyAsync(cancellationToken) || await db.Products.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var demo = await LoadAsync(cancellationToken);
        var created = await unitOfWork.ExecuteAsync(async ct =>
        {
            var categories = demo.Categories.Select((c, index) => new Category
            {
                Id = Guid.CreateVersion7(), Slug = c.Slug, Name = c.Name, Description = c.Description, SortOrder = index,
            }).ToDictionary(c => c.Slug);
            db.Categories.AddRange(categories.Values);
            foreach (var p in demo.Products)
            {
                await writer.CreateAsync(new ValidProduct(p.Sku, p.Name, p.Description, p.Price, categories[p.Category], null,
                    p.Attributes ?? [], p.Stock), ct);
            }
            return demo.Products.Count;
        }, cancellationToken);
        LogSeeded(created, demo.Categories.Count);
        return created;
    }

    public static async Task<DemoCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoCatalogSeeder).Assembly.GetManifestResourceStream("CloudMart.DemoCatalog.json")
            ?? throw new InvalidOperationException("The demo catalog is missing from the build.");
        return await JsonSerializer.DeserializeAsync<DemoCatalog>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException("The demo catalog is empty.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo catalog: {Products} products in {Categories} categories")]
    private partial void LogSeeded(int products, int categories);
}

internal sealed record DemoCatalog(List<DemoCategory> Categories, List<DemoProduct> Products);

internal sealed record DemoCategory(string Slug, string Name, string Description);

internal sealed record DemoProduct(string Sku, string Name, string Description, decimal Price, string Category, int Stock, Dictionary<string, string>? Attributes);
