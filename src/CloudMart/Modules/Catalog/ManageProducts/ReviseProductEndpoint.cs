using CloudMart.Modules.Catalog.Data;
using CloudMart.Platform;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Catalog.ManageProducts;

/// <summary>PUT /api/catalog/products/{id} (admin): full update, guarded by If-Match so a stale edit cannot overwrite a newer one.</summary>
internal static class ReviseProductEndpoint
{
    public static void Map(RouteGroupBuilder catalog) =>
        catalog.MapPut("/products/{id:guid}", HandleAsync)
            .WithName("ReviseProduct")
            .WithSummary("Replace a product's details (admin). Send If-Match with the ETag you read; 412 when it is stale.")
            .RequireAuthorization(Policies.Admin);

    internal static Task<Results<Ok<ProductDetails>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, ProductInput input, CatalogDbContext db, ProductWriter writer, UnitOfWork unitOfWork,
        IOptions<StoreOptions> store, HttpContext http, CancellationToken cancellationToken) =>
        ReviseAsync(id, input, http.Request.Headers.IfMatch.ToString(), http.Response.Headers, db, writer, unitOfWork, store, cancellationToken);

    /// <summary>The revision itself, for the API (If-Match header) and the back-office form (ETag kept in the form) alike.</summary>
    internal static async Task<Results<Ok<ProductDetails>, ValidationProblem, ProblemHttpResult>> ReviseAsync(
        Guid id, ProductInput input, string ifMatch, IHeaderDictionary responseHeaders, CatalogDbContext db, ProductWriter writer,
        UnitOfWork unitOfWork, IOptions<StoreOptions> store, CancellationToken cancellationToken)
    {
        try
        {
            return await unitOfWork.ExecuteAsync<Results<Ok<ProductDetails>, ValidationProblem, ProblemHttpResult>>(async ct =>
            {
                var product = await db.Products.Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id && !p.IsArchived, ct);
                if (product is null)
                {
                    return ProblemTypes.NotFoundProblem("There is no such product.");
                }
                if (ifMatch.Length > 0 && ifMatch != "*" && !ifMatch.Split(',').Select(tag => tag.Trim()).Contains(product.ETag))
                {
                    return Stale(product.ETag);
                }
                var validation = new Validation();
                var valid = await ProductRules.ValidateAsync(input with { InitialStock = null }, db, validation, ct);
                if (valid is not null && valid.Sku != product.Sku)
                {
                    validation.Add("sku", "A product's SKU cannot change; archive it and create a new one instead.");
                }
                if (valid is null || !validation.IsValid)
                {
                    return validation.Problem();
                }
                await writer.ReviseAsync(product, valid);
                responseHeaders.ETag = product.ETag;
                return TypedResults.Ok(ProductViews.Details(product, valid.Category, store.Value.Currency));
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(null);
        }
    }

    private static ProblemHttpResult Stale(string? current) => TypedResults.Problem(
        "The product was changed since you read it. Read it again, then repeat your change with the new ETag.",
        statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", type: ProblemTypes.PreconditionFailed,
        extensions: current is null ? null : new Dictionary<string, object?> { ["currentETag"] = current });
}
