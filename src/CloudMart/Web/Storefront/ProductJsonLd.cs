using System.Text.Json;
using CloudMart.Modules.Catalog;
using CloudMart.Web.Shared;

namespace CloudMart.Web.Storefront;

/// <summary>schema.org Product with its Offer, so search engines show price and availability.</summary>
internal static class ProductJsonLd
{
    // The default encoder escapes '<', '>' and '&', so product text cannot close the script element.
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>The whole script element, written as is (Blazor would encode the '+' of its type attribute).</summary>
    public static string ScriptFor(ProductDetails product, string baseUrl, string imagePath) =>
        $"<script type=\"application/ld+json\">{For(product, baseUrl, imagePath)}</script>";

    /// <param name="imagePath">The picture's current address (<see cref="Media.ProductImageStore.Url"/>).</param>
    public static string For(ProductDetails product, string baseUrl, string imagePath)
    {
        var url = $"{baseUrl}/p/{product.Slug}";
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = product.Name,
            ["sku"] = product.Sku,
            ["description"] = product.Description,
            ["image"] = baseUrl + imagePath,
            ["category"] = product.CategoryName,
            ["url"] = url,
            ["offers"] = new Dictionary<string, object?>
            {
                ["@type"] = "Offer",
                ["price"] = Money.Plain(product.Price),
                ["priceCurrency"] = product.Currency,
                ["availability"] = product.Available > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
                ["url"] = url,
            },
        };
        if (product.Rating is { } rating && product.ReviewCount > 0)
        {
            data["aggregateRating"] = new Dictionary<string, object?>
            {
                ["@type"] = "AggregateRating",
                ["ratingValue"] = Math.Round(rating, 1),
                ["reviewCount"] = product.ReviewCount,
            };
        }
        return JsonSerializer.Serialize(data, Options);
    }
}
