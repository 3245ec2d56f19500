using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Recommendations.AlsoBought;
using CloudMart.Modules.Recommendations.Data;
using CloudMart.Modules.Recommendations.ForMe;
using CloudMart.Modules.Recommendations.Model;
using CloudMart.Modules.Recommendations.Serving;
using CloudMart.Modules.Recommendations.Similar;
using CloudMart.Web.Shared;
using Microsoft.Extensions.Options;

namespace CloudMart.Web.Storefront.Recommendations;

/// <summary>
/// The storefront's recommendation rows, answered by the Recommendations module's own handlers (the code behind
/// /api/recommendations), so a row shows exactly what the API would: never the product itself, nothing archived or
/// sold out, nothing the shopper already bought in "picked for you". Each row is a fixed number of queries, whatever
/// its length.
/// </summary>
internal sealed class RecommendationRows(
    ICatalog catalog, IProductSimilarity similarity, CoPurchaseStore store, RecommendationsDbContext db,
    UnitOfWork unitOfWork, TimeProvider clock, IOptions<RecommendationOptions> options)
{
    /// <summary>One row of cards: five fill a desktop row and wrap neatly on a phone.</summary>
    public const int RowSize = 5;

    public async Task<IReadOnlyList<ProductCardModel>> SimilarAsync(Guid productId, CancellationToken cancellationToken) =>
        Cards((await SimilarProductsEndpoint.HandleAsync(productId, RowSize, catalog, similarity, cancellationToken)).Result);

    public async Task<IReadOnlyList<ProductCardModel>> AlsoBoughtAsync(Guid productId, CancellationToken cancellationToken) =>
        Cards((await AlsoBoughtEndpoint.HandleAsync(productId, RowSize, catalog, store, cancellationToken)).Result);

    /// <summary>What customers who bought what is in the cart also bought, never what is already in it.</summary>
    public async Task<IReadOnlyList<ProductCardModel>> AlsoBoughtWithAsync(IReadOnlyCollection<Guid> cart, CancellationToken cancellationToken) =>
        Cards(await AlsoBoughtEndpoint.ForBasketAsync(cart, RowSize, catalog, store, cancellationToken));

    /// <summary>Picked from the shopper's orders and views; best-sellers and best-rated for a shopper with no history yet.</summary>
    public async Task<IReadOnlyList<ProductCardModel>> ForAsync(ClaimsPrincipal shopper, CancellationToken cancellationToken) =>
        shopper.Identity?.IsAuthenticated == true
            ? Cards((await ForMeEndpoint.HandleAsync(RowSize, shopper, db, store, catalog, similarity, options, cancellationToken)).Result)
            : [];

    /// <summary>Remembers that a signed-in shopper looked at a product, so their picks learn from it.</summary>
    public async Task RecordViewAsync(ClaimsPrincipal shopper, Guid productId, CancellationToken cancellationToken)
    {
        if (shopper.Identity?.IsAuthenticated == true)
        {
            await RecordViewEndpoint.HandleAsync(productId, shopper, catalog, db, unitOfWork, clock, cancellationToken);
        }
    }

    private static IReadOnlyList<ProductCardModel> Cards(IResult result) =>
        result is Ok<RecommendationList> { Value: { } list } ? Cards(list) : [];

    private static IReadOnlyList<ProductCardModel> Cards(RecommendationList list) =>
        list.Items.Select(p => new ProductCardModel(p.Id, p.Slug, p.Name, p.Price, p.Currency, p.Available, p.Rating, p.ReviewCount)).ToList();
}
