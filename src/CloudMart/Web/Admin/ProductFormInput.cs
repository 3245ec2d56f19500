using System.Globalization;
using CloudMart.Modules.Catalog.ManageProducts;

namespace CloudMart.Web.Admin;

/// <summary>
/// The product form as typed: all text, so that "12,5" or "ten" reach the page and get a message at the field rather
/// than a binding failure. The catalog's own rules check everything else.
/// </summary>
internal sealed class ProductFormInput
{
    public string? Sku { get; set; }

    public string? Name { get; set; }

    public string? CategorySlug { get; set; }

    public string? Price { get; set; }

    public string? InitialStock { get; set; }

    public string? Description { get; set; }

    public string? Attributes { get; set; }

    /// <summary>The version the form was opened at; a save against any other version is a conflict.</summary>
    public string? ETag { get; set; }

    public static ProductFormInput From(ProductForEditing editing) => new()
    {
        Sku = editing.Product.Sku,
        Name = editing.Product.Name,
        CategorySlug = editing.Product.CategorySlug,
        Price = editing.Product.Price.ToString("0.00", CultureInfo.InvariantCulture),
        Description = editing.Product.Description,
        Attributes = string.Join('\n', editing.Product.Attributes.Select(a => $"{a.Key}: {a.Value}")),
        ETag = editing.ETag,
    };

    /// <summary>The catalog's input, or null with messages added for what could not even be read.</summary>
    public ProductInput? ToInput(Dictionary<string, List<string>> errors)
    {
        decimal? price = null;
        var priceText = Price?.Trim().TrimStart('$', '€', '£').Trim();
        if (!string.IsNullOrEmpty(priceText))
        {
            if (decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed))
            {
                price = parsed;
            }
            else
            {
                errors["price"] = ["Price must be a number such as 19.99."];
            }
        }
        int? stock = null;
        if (!string.IsNullOrWhiteSpace(InitialStock))
        {
            if (int.TryParse(InitialStock.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var units))
            {
                stock = units;
            }
            else
            {
                errors["initialStock"] = ["Opening stock must be a whole number of units, 0 or more."];
            }
        }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (Attributes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors["attributes"] = [$"Write each attribute as “name: value” (“{(line.Length > 40 ? line[..40] + "…" : line)}” has no name)."];
                continue;
            }
            attributes[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return errors.Count > 0
            ? null
            : new ProductInput(Sku, Name, Description, price, CategorySlug, null, attributes, stock);
    }
}
