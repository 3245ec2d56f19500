using CloudMart.Modules.Catalog.Data;
using CloudMart.Platform;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.ManageProducts;

/// <summary>POST /api/catalog/products (admin): a new product with its opening stock.</summary>
internal static class AddProductEndpoint
{
    public static void Map(RouteGroupBuilder catalog) =>
        catalog.MapPost("/products", HandleAsync)
            .WithName("AddProduct")
            .WithSummary("Create a product (admin). 409 when the SKU exists.")
            .RequireAuthorization(Policies.Admin);

    internal static async Task<Results<Created<ProductDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ProductInput input, CatalogDbContext db, ProductWriter writer, UnitOfWork unitOfWork,
        IOptions<StoreOptions> store, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var valid = await ProductRules.ValidateAsync(input, db, validation, cancellationToken);
        if (valid is null)
        {
            return validation.Problem();
        }
        try
        {
            return await unitOfWork.ExecuteAsync<Results<Created<ProductDetails>, ValidationProblem, ProblemHttpResult>>(async ct =>
            {
                if (await db.Products.AnyAsync(p => p.Sku == valid.Sku, ct))
                {
                    return DuplicateSku(valid.Sku);
                }
                var product = await writer.CreateAsync(valid, ct);
                http.Response.Headers.ETag = product.ETag;
                return TypedResults.Created($"/api/catalog/products/{product.Id}", ProductViews.Details(product, valid.Category, store.Value.Currency));
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return DuplicateSku(valid.Sku);
        }
    }

    private static ProblemHttpResult DuplicateSku(string sku) =>
        ProblemTypes.ConflictProblem($"A product with SKU '{sku}' already exists.");
}
