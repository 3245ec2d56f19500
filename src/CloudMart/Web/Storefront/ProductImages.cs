using System.Net;
using System.Text;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Platform.Persistence;
using CloudMart.Web.Media;

namespace CloudMart.Web.Storefront;

/// <summary>
/// A product's picture. <c>GET /images/products/{id}/{version}/{size}</c> is an uploaded picture's address: it never
/// changes meaning, so it is cached for a year as immutable. <c>GET /images/products/{id}/{size}</c> is the address
/// without a version (older pages, links kept elsewhere): a short-cached redirect to the current picture, or the
/// placeholder we draw when there is none (the product's initials on a colour from its name).
/// </summary>
internal static class ProductImages
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string ShortLived = "public, max-age=60";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/images/products/{productId:guid}/{version}/{size}", ServeVersion)
            .WithName("ProductImageVersion")
            .ExcludeFromDescription()
            .AllowAnonymous();
        app.MapGet("/images/products/{productId:guid}/{size}", ServeCurrentAsync)
            .WithName("ProductImage")
            .ExcludeFromDescription()
            .AllowAnonymous();
    }

    internal static IResult ServeVersion(Guid productId, string version, string size, ProductImageStore images, HttpContext http)
    {
        if (images.FileOf(productId, version, size) is { } file)
        {
            http.Response.Headers.CacheControl = Immutable;
            return TypedResults.PhysicalFile(file.FullName, "image/webp", lastModified: file.LastWriteTimeUtc,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{version}-{size}\""));
        }
        if (ProductImageUpload.Sizes.All(s => s.Name != size))
        {
            return TypedResults.NotFound();
        }
        // A replaced version: send the browser to the current picture (or the placeholder), briefly.
        http.Response.Headers.CacheControl = ShortLived;
        return TypedResults.Redirect(images.Url(productId, size));
    }

    internal static async Task<IResult> ServeCurrentAsync(Guid productId, string size, DataDirectory data, ProductImageStore images, ICatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        if (ProductImageUpload.Sizes.FirstOrDefault(s => s.Name == size) is not { Name: not null, Width: var pixels })
        {
            return TypedResults.NotFound();
        }
        if (images.VersionOf(productId) is not null)
        {
            http.Response.Headers.CacheControl = ShortLived;
            return TypedResults.Redirect(images.Url(productId, size));
        }
        // A picture uploaded before addresses had versions.
        var legacy = new FileInfo(Path.Combine(ProductImageUpload.DirectoryOf(data, productId), size + ".webp"));
        if (legacy.Exists)
        {
            http.Response.Headers.CacheControl = ShortLived;
            return TypedResults.PhysicalFile(legacy.FullName, "image/webp", lastModified: legacy.LastWriteTimeUtc,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{legacy.LastWriteTimeUtc.Ticks:x}-{legacy.Length:x}\""));
        }
        var products = await catalog.FindForSaleAsync([productId], cancellationToken);
        if (!products.TryGetValue(productId, out var product))
        {
            return TypedResults.NotFound();
        }
        // Short-lived: an image uploaded later replaces the placeholder (under a new address) on the next page anyway.
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(Placeholder(product.Name, pixels), "image/svg+xml", Encoding.UTF8);
    }

    internal static string Placeholder(string name, int pixels)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetterOrDigit(w[0])).ToList();
        var initials = string.Concat(words.Take(2).Select(w => char.ToUpperInvariant(w[0])));
        var colour = CategoryDirectory.Colour(name);
        var label = WebUtility.HtmlEncode(name.Length > 40 ? name[..39] + "…" : name);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{pixels}" height="{pixels}" viewBox="0 0 400 400" role="img" aria-label="{label}">
            <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{colour}"/><stop offset="1" stop-color="{colour}" stop-opacity=".72"/></linearGradient></defs>
            <rect width="400" height="400" fill="url(#g)"/>
            <circle cx="330" cy="70" r="120" fill="#fff" fill-opacity=".08"/><circle cx="60" cy="360" r="90" fill="#fff" fill-opacity=".06"/>
            <text x="200" y="230" text-anchor="middle" font-family="system-ui, sans-serif" font-size="120" font-weight="700" fill="#fff">{WebUtility.HtmlEncode(initials)}</text>
            <text x="200" y="300" text-anchor="middle" font-family="system-ui, sans-serif" font-size="18" fill="#fff" fill-opacity=".9">{label}</text>
            </svg>
            """;
    }
}
