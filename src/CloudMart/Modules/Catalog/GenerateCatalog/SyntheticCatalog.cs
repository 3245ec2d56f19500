using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.ManageProducts;
using CloudMart.Modules.Catalog.SeedDemoCatalog;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.GenerateCatalog;

/// <summary>
/// Generates large, plausible catalogs for benchmarks (<c>cloudmart seed --products 10000</c>): names and texts are
/// combined from word lists written for CloudMart, deterministic for a given seed, in batches of one transaction each.
/// </summary>
internal sealed class SyntheticCatalog(IServiceScopeFactory scopes)
{
    private const int BatchSize = 500;

    private static readonly string[] Qualities = ["Everyday", "Compact", "Heavy-Duty", "Lightweight", "Classic", "Modern", "Foldable", "Premium", "Travel", "Eco", "Deluxe", "Essential", "Pro", "Rustic", "Slimline", "Weatherproof"];
    private static readonly string[] Materials = ["Oak", "Bamboo", "Steel", "Linen", "Ceramic", "Walnut", "Cotton", "Aluminium", "Wool", "Glass", "Copper", "Leather", "Recycled", "Stoneware", "Canvas", "Cork"];
    private static readonly string[] Things = ["Lamp", "Mug", "Backpack", "Chair", "Notebook", "Kettle", "Blanket", "Planter", "Speaker", "Organiser", "Bottle", "Board Game", "Yoga Mat", "Desk Tray", "Pet Bed", "Serving Bowl", "Torch", "Puzzle", "Hand Cream", "Cushion"];
    private static readonly string[] Colours = ["Charcoal", "Sage", "Ivory", "Navy", "Terracotta", "Mustard", "Slate", "Forest", "Sand", "Plum"];
    private static readonly string[] Benefits = ["built to last for years of daily use", "easy to clean and quick to store", "designed with small homes in mind", "a thoughtful gift that gets used", "balanced, sturdy and pleasant to hold", "made to look good on display"];

    /// <returns>The number of products created.</returns>
    public async Task<int> GenerateAsync(int count, int seed, IProgress<int> progress, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        List<Category> categories;
        int start;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var demoSeeder = scope.ServiceProvider.GetRequiredService<DemoCatalogSeeder>();
            await demoSeeder.SeedIfEmptyAsync(cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
            start = await db.Products.CountAsync(p => p.Sku.StartsWith("GEN-"), cancellationToken);
        }
        var created = 0;
        while (created < count)
        {
            var batch = Math.Min(BatchSize, count - created);
            await using var scope = scopes.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<ProductWriter>();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            await unitOfWork.ExecuteAsync(async ct =>
            {
                foreach (var category in categories)
                {
                    db.Attach(category);
                }
                for (var i = 0; i < batch; i++)
                {
                    var number = start + created + i + 1;
                    await writer.CreateAsync(Next(random, number, categories), ct);
                }
            }, cancellationToken);
            created += batch;
            progress.Report(created);
        }
        return created;
    }

    private static ValidProduct Next(Random random, int number, List<Category> categories)
    {
        string Pick(string[] words) => words[random.Next(words.Length)];
        var quality = Pick(Qualities);
        var material = Pick(Materials);
        var thing = Pick(Things);
        var colour = Pick(Colours);
        var name = $"{quality} {material} {thing} {number}";
        var description = $"A {quality.ToLowerInvariant()} {thing.ToLowerInvariant()} in {material.ToLowerInvariant()}, finished in {colour.ToLowerInvariant()}: {Pick(Benefits)}. Generated for load tests.";
        var price = Math.Round((decimal)(2.5 + (random.NextDouble() * random.NextDouble() * 600)), 2);
        var stock = random.Next(10) == 0 ? 0 : random.Next(1, 400);
        var attributes = new Dictionary<string, string> { ["color"] = colour, ["material"] = material };
        return new ValidProduct($"GEN-{number:D7}", name, description, price, categories[random.Next(categories.Count)], null, attributes, stock);
    }
}
