using CloudMart.Modules.Catalog.ManageProducts;

namespace CloudMart.Web.Media;

/// <summary>
/// POST /admin/products/{id}/image (admins, antiforgery-checked form): the product form's image upload. It is an
/// endpoint of its own because uploads need a larger body limit than every other request, and it answers with a
/// redirect back to the form carrying the outcome.
/// </summary>
internal static class ProductImageUploadEndpoint
{
    /// <summary>Room for the largest accepted image plus the form's envelope; bigger bodies are cut off unread.</summary>
    public const long MaxRequestBytes = ProductImageUpload.MaxBytes + (64 * 1024);

    public static IEndpointRouteBuilder MapProductImageUpload(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/products/{id:guid}/image", HandleAsync)
            .WithName("UploadProductImage")
            .ExcludeFromDescription()
            .RequireAuthorization(WebPolicies.Admin)
            .DisableAntiforgery() // checked below, so that a stale form goes back to its page rather than a JSON error
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
        return app;
    }

    internal static async Task<RedirectHttpResult> HandleAsync(
        Guid id, HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, ProductEditing products, DataDirectory data,
        ProductImageStore images, CancellationToken cancellationToken)
    {
        var back = $"/admin/products/{id}";
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Redirect(back + "?image=" + ImageRefusal.FormExpired.Code);
        }
        var image = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(cancellationToken)).Files.GetFile("image") : null;
        if (await products.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.Redirect("/admin/products");
        }
        if (image is null || image.Length == 0)
        {
            return TypedResults.Redirect(back + "?image=" + ImageRefusal.Missing.Code);
        }
        if (image.Length > ProductImageUpload.MaxBytes)
        {
            return TypedResults.Redirect(back + "?image=" + ImageRefusal.TooLarge.Code);
        }
        await using var stream = image.OpenReadStream();
        var refusal = await ProductImageUpload.SaveAsync(stream, id, data, cancellationToken);
        images.Forget(id);
        return TypedResults.Redirect(back + "?image=" + (refusal?.Code ?? "saved"));
    }
}
