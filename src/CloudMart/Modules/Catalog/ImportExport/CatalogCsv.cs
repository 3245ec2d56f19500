using System.Globalization;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Catalog.ManageProducts;
using CloudMart.Modules.Inventory.Contracts;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Catalog.ImportExport;

/// <summary>A record that cannot be imported: its number among the file's records (the header is not one) and the line it starts on.</summary>
internal sealed record RejectedRow(int Record, int Line, string Sku, IReadOnlyList<string> Reasons);

internal sealed record ImportReport(int Created, int Updated, IReadOnlyList<string> NewCategories, IReadOnlyList<RejectedRow> Rejected) : IRefusal
{
    public bool Imported => Rejected.Count == 0;

    public bool IsRefusal => !Imported;
}

/// <summary>
/// Moves products in bulk as CSV: <c>sku,name,description,price,category,stock</c> plus one column per attribute.
/// Import checks every row first and writes all of them in one transaction, or none: a file with one bad row
/// imports nothing and says which records are wrong (by number and the line each starts on) and why, in the
/// file's own column names. Existing SKUs are updated. The category is a display name or a path of names
/// ("Home &gt; Kitchen &gt; Mugs", <see cref="CategoryPaths"/>); missing categories are created. Export writes the
/// same paths, so an exported file imports unchanged.
/// </summary>
internal sealed class CatalogCsv(CatalogDbContext db, ProductWriter writer, IInventory inventory, UnitOfWork unitOfWork)
{
    private static readonly string[] Fixed = ["sku", "name", "description", "price", "category", "stock"];
    private static readonly string[] Required = ["sku", "name", "price", "category"];
    public const int MaxRows = 200_000;

    public async Task<int> ExportAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking().Where(p => !p.IsArchived)
            .OrderBy(p => p.Sku).ToListAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
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
            csv.WriteField(CategoryPaths.PathOf(categories[p.CategoryId], categories));
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
            var categories = await CategoryResolver.LoadAsync(db, ct);
            var skus = rows.Select(r => r.Sku).ToList();
            var existing = await db.Products.Include(p => p.Category).Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
            int created = 0, updated = 0;
            var refused = new List<RejectedRow>();
            foreach (var row in rows)
            {
                var valid = new ValidProduct(row.Sku, row.Name, row.Description, row.Price, categories.Resolve(row.Category), null, row.Attributes, row.Stock);
                if (existing.TryGetValue(row.Sku, out var product))
                {
                    if (product.IsArchived)
                    {
                        refused.Add(new RejectedRow(row.Record, row.Line, row.Sku, ["the product with this sku is archived"]));
                        continue;
                    }
                    await writer.ReviseAsync(product, valid with { ImageUrl = product.ImageUrl });
                    if (!await inventory.TrySetOnHandAsync(product.Id, row.Stock, "CSV import", null, ct))
                    {
                        refused.Add(new RejectedRow(row.Record, row.Line, row.Sku, ["stock is below the units reserved for open orders"]));
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
                : new ImportReport(created, updated, categories.Created, []);
        }, cancellationToken);
    }

    private sealed record ImportRow(int Record, int Line, string Sku, string Name, string Description, decimal Price, IReadOnlyList<string> Category, int Stock, Dictionary<string, string> Attributes);

    private static async Task<(List<ImportRow> Rows, List<RejectedRow> Rejected)> ReadAsync(TextReader input, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow>();
        var rejected = new List<RejectedRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectColumnCountChanges = true, BadDataFound = null };
        using var csv = new CsvReader(input, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            rejected.Add(new RejectedRow(0, 1, "", ["the file is empty; the first line must be a header"]));
            return (rows, rejected);
        }
        var headers = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = Required.Where(r => !headers.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            rejected.Add(new RejectedRow(0, 1, "", [$"the header lacks the column(s): {string.Join(", ", missing)}"]));
            return (rows, rejected);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var record = 0;
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            record++;
            var line = StartLine(csv.Parser);
            if (record > MaxRows)
            {
                rejected.Add(new RejectedRow(record, line, "", [$"a file holds at most {MaxRows} records"]));
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
                null, null, attributes, ParseStock(Field("stock"), validation));
            var sku = (fields.Sku ?? "").Trim().ToUpperInvariant();
            var valid = ProductRules.ValidateFields(fields, validation, ProductFieldNames.Csv, categoryIsPath: true);
            var category = CategoryPaths.Parse(Field("category"), "category", validation);
            if (sku.Length > 0 && !seen.Add(sku))
            {
                validation.Add("sku", "the sku appears in an earlier record too");
            }
            if (valid is null || category is null || !validation.IsValid)
            {
                rejected.Add(new RejectedRow(record, line, sku.Length <= 40 ? sku : "", validation.Errors.SelectMany(e => e.Value).Distinct().ToList()));
                continue;
            }
            rows.Add(new ImportRow(record, line, valid.Sku, valid.Name, valid.Description, valid.Price, category, valid.InitialStock, valid.Attributes));
        }
        if (rows.Count == 0 && rejected.Count == 0)
        {
            rejected.Add(new RejectedRow(0, 2, "", ["the file has a header but no records"]));
        }
        return (rows, rejected);
    }

    /// <summary>
    /// The line a record starts on: the parser counts lines to the record's end, and a quoted field may hold line
    /// breaks, so the breaks inside the record are taken off.
    /// </summary>
    private static int StartLine(IParser parser)
    {
        var raw = parser.RawRecord.TrimEnd('\r', '\n');
        var breaks = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                breaks++;
            }
        }
        return parser.RawRow - breaks;
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
