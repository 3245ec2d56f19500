using System.Globalization;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.ManageProducts;
using CloudMart.Modules.Inventory.Contracts;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ImportExport;

internal sealed record RejectedRow(int Line, string Sku, IReadOnlyList<string> Reasons);

internal sealed record ImportReport(int Created, int Updated, IReadOnlyList<string> NewCategories, IReadOnlyList<RejectedRow> Rejected) : IRefusal
{
    public bool Imported => Rejected.Count == 0;

    public bool IsRefusal => !Imported;
}

/// <summary>
/// Moves products in bulk as CSV: <c>sku,name,description,price,category,stock</c> plus one column per attribute.
/// Import checks every row first and writes all of them in one transaction, or none: a file with one bad row
/// imports nothing and says which rows are wrong and why. Existing SKUs are updated; missing categories are created.
/// </summary>
internal sealed class CatalogCsv(CatalogDbContext db, ProductWriter writer, IInventory inventory, UnitOfWork unitOfWork)
{
    private static readonly string[] Fixed = ["sku", "name", "description", "price", "category", "stock"];
    private static readonly string[] Required = ["sku", "name", "price", "category"];
    public const int MaxRows = 200_000;

    public async Task<int> ExportAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking().Include(p => p.Category).Where(p => !p.IsArchived)
            .OrderBy(p => p.Sku).ToListAsync(cancellationToken);
        var onHand = await inventory.OnHandAsync(products.Select(p => p.Id).ToList(), cancellationToken);
        var attributeNames = products.SelectMany(p => p.Attributes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in Fixed.Concat(attributeNames))
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        foreach (var p in products)
        {
            csv.WriteField(p.Sku);
            csv.WriteField(p.Name);
            csv.WriteField(p.Description);
            csv.WriteField(p.Price.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(p.Category!.Slug);
            csv.WriteField(onHand.GetValueOrDefault(p.Id));
            foreach (var name in attributeNames)
            {
                csv.WriteField(p.Attributes.GetValueOrDefault(name) ?? "");
            }
            await csv.NextRecordAsync();
        }
        return products.Count;
    }

    public async Task<ImportReport> ImportAsync(TextReader input, CancellationToken cancellationToken)
    {
        var (rows, rejected) = await ReadAsync(input, cancellationToken);
        if (rejected.Count > 0)
        {
            return new ImportReport(0, 0, [], rejected);
        }
        return await unitOfWork.ExecuteAsync(async ct =>
        {
            var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, ct);
            var newCategories = new List<string>();
            foreach (var slug in rows.Select(r => r.CategorySlug).Distinct().Where(slug => !categories.ContainsKey(slug)))
            {
                var category = new Category { Id = Guid.CreateVersion7(), Slug = slug, Name = TitleFrom(slug), SortOrder = categories.Count + newCategories.Count };
                db.Categories.Add(category);
                categories[slug] = category;
                newCategories.Add(slug);
            }
            var skus = rows.Select(r => r.Sku).ToList();
            var existing = await db.Products.Include(p => p.Category).Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
            int created = 0, updated = 0;
            var refused = new List<RejectedRow>();
            foreach (var row in rows)
            {
                var valid = new ValidProduct(row.Sku, row.Name, row.Description, row.Price, categories[row.CategorySlug], null, row.Attributes, row.Stock);
                if (existing.TryGetValue(row.Sku, out var product))
                {
                    if (product.IsArchived)
                    {
                        refused.Add(new RejectedRow(row.Line, row.Sku, ["the product with this SKU is archived"]));
                        continue;
                    }
                    await writer.ReviseAsync(product, valid with { ImageUrl = product.ImageUrl });
                    if (!await inventory.TrySetOnHandAsync(product.Id, row.Stock, "CSV import", null, ct))
                    {
                        refused.Add(new RejectedRow(row.Line, row.Sku, ["stock is below the units reserved for open orders"]));
                    }
                    updated++;
                }
                else
                {
                    await writer.CreateAsync(valid, ct);
                    created++;
                }
            }
            return refused.Count > 0
                ? new ImportReport(0, 0, [], refused) // a refusal: the unit of work rolls everything back
                : new ImportReport(created, updated, newCategories, []);
        }, cancellationToken);
    }

    private static string TitleFrom(string slug) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug.Replace('-', ' '));

    private sealed record ImportRow(int Line, string Sku, string Name, string Description, decimal Price, string CategorySlug, int Stock, Dictionary<string, string> Attributes);

    private static async Task<(List<ImportRow> Rows, List<RejectedRow> Rejected)> ReadAsync(TextReader input, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow>();
        var rejected = new List<RejectedRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectColumnCountChanges = true, BadDataFound = null };
        using var csv = new CsvReader(input, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            rejected.Add(new RejectedRow(1, "", ["the file is empty; the first line must be a header"]));
            return (rows, rejected);
        }
        var headers = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = Required.Where(r => !headers.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            rejected.Add(new RejectedRow(1, "", [$"the header lacks the column(s): {string.Join(", ", missing)}"]));
            return (rows, rejected);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = csv.Parser.RawRow;
            if (rows.Count + rejected.Count >= MaxRows)
            {
                rejected.Add(new RejectedRow(line, "", [$"a file holds at most {MaxRows} rows"]));
                break;
            }
            string Field(string name) => Array.IndexOf(headers, name) is var index and >= 0 && index < csv.Parser.Count ? csv.GetField(index) ?? "" : "";
            var validation = new Validation();
            var attributes = new Dictionary<string, string>();
            for (var i = 0; i < headers.Length; i++)
            {
                if (!Fixed.Contains(headers[i]) && i < csv.Parser.Count && csv.GetField(i) is { Length: > 0 } value)
                {
                    attributes[headers[i]] = value;
                }
            }
            var fields = new ProductInput(Field("sku"), Field("name"), Field("description"), ParseDecimal(Field("price"), validation),
                Field("category"), null, attributes, ParseStock(Field("stock"), validation));
            var sku = (fields.Sku ?? "").Trim().ToUpperInvariant();
            var valid = ProductRules.ValidateFields(fields, validation);
            if (sku.Length > 0 && !seen.Add(sku))
            {
                validation.Add("sku", "the SKU appears on an earlier row too");
            }
            if (valid is null || !validation.IsValid)
            {
                rejected.Add(new RejectedRow(line, sku.Length <= 40 ? sku : "", validation.Errors.SelectMany(e => e.Value).Distinct().ToList()));
                continue;
            }
            rows.Add(new ImportRow(line, valid.Sku, valid.Name, valid.Description, valid.Price, valid.CategorySlug, valid.InitialStock, valid.Attributes));
        }
        if (rows.Count == 0 && rejected.Count == 0)
        {
            rejected.Add(new RejectedRow(2, "", ["the file has a header but no rows"]));
        }
        return (rows, rejected);
    }

    private static decimal? ParseDecimal(string text, Validation validation)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        validation.Add("price", $"price '{(text.Length <= 20 ? text : text[..20])}' is not a number");
        return 0;
    }

    private static int? ParseStock(string text, Validation validation)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        validation.Add("stock", $"stock '{(text.Length <= 20 ? text : text[..20])}' is not a whole number");
        return 0;
    }
}
