// Benchmark (a), the ceiling: the same response shape as GET /api/catalog/products (a page of 20 ProductSummary
// objects in { items, page, pageSize, totalCount }), built once and serialised per request, with nothing else:
// no database, no authentication, no rate limiter, no telemetry, no per-request logging.
// Run: dotnet bench/Baseline/bin/Release/net10.0/Baseline.dll --urls http://127.0.0.1:5182
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // as the app does

var app = builder.Build();

string[] things = ["Lamp", "Mug", "Backpack", "Chair", "Notebook", "Kettle", "Blanket", "Planter", "Speaker", "Organiser"];
string[] categories = ["home-living", "kitchen", "outdoor", "office", "toys-games"];
var items = Enumerable.Range(1, 20).Select(i => new ProductSummary(
        new Guid($"0193a1b2-0000-7000-8000-{i:D12}"),
        $"GEN-{i:D7}",
        $"everyday-oak-{things[i % things.Length].ToLowerInvariant()}-{i}",
        $"Everyday Oak {things[i % things.Length]} {i}",
        Math.Round(9.99m + (i * 7.25m), 2),
        "USD",
        categories[i % categories.Length],
        null,
        i % 3 == 0 ? null : 3.5 + (i % 4 * 0.25),
        i * 3,
        100 + i))
    .ToList();
var page = new PagedList<ProductSummary>(items, 1, 20, 10_000);

app.MapGet("/products", () => TypedResults.Ok(page));
app.MapGet("/health/live", () => TypedResults.Ok());
await app.RunAsync();

/// <summary>Shaped like CloudMart's API v1 <c>ProductSummary</c>.</summary>
internal sealed record ProductSummary(
    Guid Id, string Sku, string Slug, string Name, decimal Price, string Currency, string CategorySlug,
    string? ImageUrl, double? Rating, int ReviewCount, int Available);

/// <summary>Shaped like CloudMart's paged list.</summary>
internal sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
