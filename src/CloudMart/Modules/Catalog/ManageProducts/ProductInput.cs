using System.Text.RegularExpressions;
using CloudMart.Modules.Catalog.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ManageProducts;

/// <summary>The body of POST and PUT /api/catalog/products. Everything optional here so that a missing field is a clear 400, not a binding failure.</summary>
internal sealed record ProductInput(
    string? Sku,
    string? Name,
    string? Description,
    decimal? Price,
    string? CategorySlug,
    string? ImageUrl,
    Dictionary<string, string>? Attributes,
    int? InitialStock);

/// <summary>A product's fields after the checks that need no database.</summary>
internal sealed record ProductFields(
    string Sku, string Name, string Description, decimal Price, string CategorySlug, string? ImageUrl,
    Dictionary<string, string> Attributes, int InitialStock);

/// <summary>A product that passed every rule, with its category resolved.</summary>
internal sealed record ValidProduct(
    string Sku, string Name, string Description, decimal Price, Category Category, string? ImageUrl,
    Dictionary<string, string> Attributes, int InitialStock);

/// <summary>
/// What each field is called where the product came from, so a message names what the person wrote: the API's JSON
/// fields, or a CSV file's own columns (<c>stock</c>, <c>category</c>, one column per attribute).
/// </summary>
internal sealed record ProductFieldNames(string Sku, string Name, string Description, string Price, string Category, string ImageUrl, string Stock, Func<string, string> Attribute)
{
    public static readonly ProductFieldNames Api = new("sku", "name", "description", "price", "categorySlug", "imageUrl", "initialStock", key => $"attributes.{key}");

    public static readonly ProductFieldNames Csv = new("sku", "name", "description", "price", "category", "image", "stock", key => key);
}

internal static partial class ProductRules
{
    public const int MaxAttributes = 30;
    public const decimal MaxPrice = 1_000_000m;
    public const int MaxStock = 1_000_000;

    /// <summary>Checks a product's fields; the category must already exist.</summary>
    public static async Task<ValidProduct?> ValidateAsync(ProductInput input, CatalogDbContext db, Validation validation, CancellationToken cancellationToken)
    {
        var fields = ValidateFields(input, validation);
        if (fields is null)
        {
            return null;
        }
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Slug == fields.CategorySlug, cancellationToken);
        if (category is null)
        {
            validation.Add("categorySlug", $"There is no category '{fields.CategorySlug}'.");
            return null;
        }
        return new ValidProduct(fields.Sku, fields.Name, fields.Description, fields.Price, category, fields.ImageUrl, fields.Attributes, fields.InitialStock);
    }

    /// <summary>Checks everything that needs no database: lengths, characters, ranges.</summary>
    /// <param name="names">What the fields are called in messages; the API's names when null.</param>
    /// <param name="categoryIsPath">The category is a display name or path the caller checks (CSV import), not a slug.</param>
    public static ProductFields? ValidateFields(ProductInput input, Validation validation, ProductFieldNames? names = null, bool categoryIsPath = false)
    {
        names ??= ProductFieldNames.Api;
        var sku = validation.Text(input.Sku, names.Sku, 40);
        if (sku.Length > 0)
        {
            validation.Check(SkuPattern().IsMatch(sku), names.Sku, $"{names.Sku} may contain only letters, digits, '-', '_' and '.', starting with a letter or digit.");
        }
        var name = validation.Text(input.Name, names.Name, 120, minLength: 2);
        var description = validation.OptionalText(input.Description, names.Description, 4000, multiline: true) ?? "";
        var price = ValidatePrice(input.Price, validation, names.Price);
        var imageUrl = validation.OptionalText(input.ImageUrl, names.ImageUrl, 500);
        if (imageUrl is not null)
        {
            validation.Check(IsImageUrl(imageUrl), names.ImageUrl, $"{names.ImageUrl} must be an absolute http(s) URL or a path starting with '/'.");
        }
        var attributes = ValidateAttributes(input.Attributes, validation, names);
        var stock = input.InitialStock ?? 0;
        validation.Check(stock is >= 0 and <= MaxStock, names.Stock, $"{names.Stock} must be between 0 and {MaxStock}.");
        var slug = categoryIsPath ? "" : validation.Text(input.CategorySlug, names.Category, 80).ToLowerInvariant();
        if (slug.Length > 0)
        {
            validation.Check(SlugPattern().IsMatch(slug), names.Category, $"{names.Category} may contain only lowercase letters, digits and '-'.");
        }
        return validation.IsValid
            ? new ProductFields(sku.ToUpperInvariant(), name, description, price, slug, imageUrl, attributes, stock)
            : null;
    }

    public static decimal ValidatePrice(decimal? price, Validation validation, string field = "price")
    {
        if (price is not { } value)
        {
            validation.Add(field, $"{field} is required.");
            return 0;
        }
        validation.Check(value is > 0 and <= MaxPrice, field, $"{field} must be more than 0 and at most {MaxPrice}.");
        validation.Check(decimal.Round(value, 2) == value, field, $"{field} must have at most two decimals.");
        return value;
    }

    private static Dictionary<string, string> ValidateAttributes(Dictionary<string, string>? attributes, Validation validation, ProductFieldNames names)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (attributes is null)
        {
            return result;
        }
        if (!validation.Check(attributes.Count <= MaxAttributes, "attributes", $"A product has at most {MaxAttributes} attributes."))
        {
            return result;
        }
        foreach (var (key, value) in attributes)
        {
            var safeKey = key.Length <= 40 && TextRules.Problem(key) is null ? key : "(key)";
            var name = validation.Text(key, "attributes", 40);
            if (name.Length > 0)
            {
                validation.Check(AttributeKeyPattern().IsMatch(name), "attributes", $"Attribute name '{safeKey}' may contain only letters, digits, spaces, '-' and '_'.");
            }
            var text = validation.Text(value, names.Attribute(safeKey), 200);
            result[name.ToLowerInvariant()] = text;
        }
        return result;
    }

    private static bool IsImageUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 _-]*$")]
    private static partial Regex AttributeKeyPattern();
}
