using CloudMart.Modules.Catalog.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Catalog;

/// <summary>Product vectors follow the catalog's events, and content similarity is served from them.</summary>
public abstract class SearchVectors(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private async Task<IReadOnlyList<SimilarProduct>> SimilarToAsync(Guid id, int count)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProductSimilarity>().SimilarToAsync(id, count, CancellationToken.None);
    }

    private async Task<IReadOnlyList<SimilarProduct>> NearestToAllAsync(IReadOnlyCollection<Guid> ids, int count)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProductSimilarity>().NearestToAllAsync(ids, count, CancellationToken.None);
    }

    [Fact]
    public async Task A_product_is_embedded_when_created_re_embedded_when_its_text_changes_and_dropped_when_archived()
    {
        var slug = Api.UniqueSlug("vec");
        var product = await SearchCatalog.ProductAsync(_api, slug, "Cedar Garden Bench", "A two-seat bench in oiled cedar for the patio.");
        var created = await Vectors.EmbeddedAsync(shop, product.Id);
        Assert.Equal(384 * sizeof(float), created.Vector.Length);

        var admin = await _api.SharedAdminAsync();
        var priceOnly = await admin.PutAsJsonAsync($"/api/catalog/products/{product.Id}", new
        {
            sku = product.Sku, name = "Cedar Garden Bench", description = "A two-seat bench in oiled cedar for the patio.", price = 25m, categorySlug = slug,
        });
        Assert.Equal(HttpStatusCode.OK, priceOnly.StatusCode);
        var renamed = await admin.PutAsJsonAsync($"/api/catalog/products/{product.Id}", new
        {
            sku = product.Sku, name = "Cedar Garden Table", description = "A square table in oiled cedar for the patio.", price = 25m, categorySlug = slug,
        });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var changed = await Vectors.WaitForAsync(shop, product.Id, v => v.TextHash != created.TextHash, "the new text is embedded");
        Assert.NotEqual(created.Vector, changed.Vector);

        await _api.ArchiveAsync(product.Id);
        var archived = await Vectors.WaitForAsync(shop, product.Id, v => v.IsArchived, "the vector is marked archived");
        Assert.True(archived.UpdatedAt >= changed.UpdatedAt);
        Assert.Empty(await SimilarToAsync(product.Id, 5));
    }

    [Fact]
    public async Task Similar_products_share_meaning_and_exclude_the_product_itself_and_archived_ones()
    {
        var slug = Api.UniqueSlug("sim");
        var headphones = await SearchCatalog.ProductAsync(_api, slug, "Wireless Over-Ear Headphones", "Noise-cancelling Bluetooth headphones with 30 hours of battery.");
        var earbuds = await SearchCatalog.ProductAsync(_api, slug, "True Wireless Earbuds", "Compact in-ear Bluetooth earbuds with a charging case.");
        var studio = await SearchCatalog.ProductAsync(_api, slug, "Studio Monitor Headphones", "Closed-back wired headphones for mixing and recording.");
        var kettle = await SearchCatalog.ProductAsync(_api, slug, "Stovetop Kettle", "A whistling stainless-steel kettle for gas and induction hobs.");
        var pan = await SearchCatalog.ProductAsync(_api, slug, "Cast Iron Skillet", "A pre-seasoned frying pan for searing and baking.");
        Guid[] all = [headphones.Id, earbuds.Id, studio.Id, kettle.Id, pan.Id];
        await Vectors.AllEmbeddedAsync(shop, all);

        var similar = await SimilarToAsync(headphones.Id, 50);

        Assert.DoesNotContain(similar, s => s.ProductId == headphones.Id);
        var ours = similar.Where(s => all.Contains(s.ProductId)).Select(s => s.ProductId).ToList();
        Assert.Equal(4, ours.Count);
        Assert.Equal(new[] { studio.Id, earbuds.Id }.Order(), ours.Take(2).Order()); // both listening products before kitchenware
        Assert.True(similar.Zip(similar.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");

        await _api.ArchiveAsync(studio.Id);
        var afterArchive = await SimilarToAsync(headphones.Id, 50);
        Assert.DoesNotContain(afterArchive, s => s.ProductId == studio.Id);
        Assert.Equal(earbuds.Id, afterArchive.First(s => all.Contains(s.ProductId)).ProductId);
    }

    [Fact]
    public async Task The_nearest_products_to_a_set_exclude_the_set_and_follow_its_taste()
    {
        var slug = Api.UniqueSlug("taste");
        var tent = await SearchCatalog.ProductAsync(_api, slug, "Two-Person Hiking Tent", "A light backpacking tent with a waterproof fly.");
        var bag = await SearchCatalog.ProductAsync(_api, slug, "Down Sleeping Bag", "A warm mummy sleeping bag for cold camping nights.");
        var stove = await SearchCatalog.ProductAsync(_api, slug, "Camping Stove", "A compact gas stove for cooking at the campsite.");
        var lipstick = await SearchCatalog.ProductAsync(_api, slug, "Matte Lipstick", "A long-lasting matte lip colour in deep red.");
        await Vectors.AllEmbeddedAsync(shop, [tent.Id, bag.Id, stove.Id, lipstick.Id]);

        var nearest = await NearestToAllAsync([tent.Id, bag.Id], 50);

        Assert.DoesNotContain(nearest, s => s.ProductId == tent.Id || s.ProductId == bag.Id);
        var ranked = nearest.Select(s => s.ProductId).ToList();
        Assert.True(ranked.IndexOf(stove.Id) >= 0 && ranked.IndexOf(stove.Id) < ranked.IndexOf(lipstick.Id), "camping before cosmetics");
        Assert.Empty(await NearestToAllAsync([Guid.NewGuid()], 5));
        Assert.Empty(await SimilarToAsync(Guid.NewGuid(), 5));
    }
}

public sealed class SearchVectorsOnSqlite(SqliteSearchShop shop) : SearchVectors(shop), IClassFixture<SqliteSearchShop>;

public sealed class SearchVectorsOnPostgres(PostgresSearchShop shop) : SearchVectors(shop), IClassFixture<PostgresSearchShop>;
