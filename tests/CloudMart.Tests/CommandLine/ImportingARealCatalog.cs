using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudMart.Tests.CommandLine;

/// <summary>
/// <c>cloudmart catalog import</c> with the kind of file a shop moving from another store has: category display names
/// and paths, ampersands, multi-line descriptions, text that looks like SQL or markup; and, when rows are wrong,
/// messages a shop owner can act on. Runs the real command on the test shop's own database (SQLite and PostgreSQL).
/// </summary>
public abstract partial class ImportingARealCatalog(ShopFactory shop) : IDisposable
{
    private readonly Cli _cli = new(shop.DataDirectory);
    private readonly Api _api = shop.Api();
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private const string Header = "sku,name,description,price,category,stock,colour";

    private async Task<(int ExitCode, string Output)> ImportAsync(string csv)
    {
        var file = _cli.PathFor($"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv, new UTF8Encoding(false));
        return await _cli.RunAsync(["catalog", "import", file, .. shop.DatabaseOptions()]);
    }

    private async Task<string> ExportAsync()
    {
        var file = _cli.PathFor($"export-{Guid.NewGuid():N}.csv");
        var (code, output) = await _cli.RunAsync(["catalog", "export", file, .. shop.DatabaseOptions()]);
        Assert.True(code == 0, output);
        return await File.ReadAllTextAsync(file);
    }

    /// <summary>The report's table wraps long reasons inside its cells; compare words, not layout.</summary>
    private static string Flat(string output) => Spaces().Replace(TableLines().Replace(output, " "), " ");

    [Fact]
    public async Task Display_names_and_paths_create_the_category_hierarchy_and_keep_every_text_verbatim()
    {
        var home = $"Home {_tag}";
        var description = "Time to select gifts for friends and family.\nFrom cuddly puppies to \"mugs\"; Note:-----\n<b>Dishwasher</b> safe & x'; DROP TABLE catalog_products; --";
        var csv = $"""
            {Header}
            {_tag}-1,Stoneware Mug,"{description.Replace("\"", "\"\"", StringComparison.Ordinal)}",12.50,{home} > Kitchen & Dining > Mugs,10,Blue & White
            {_tag}-2,Oak Board,A board.,30.00,Kitchen & Dining {_tag},4,
            {_tag}-3,Tea Towel,Linen.,8.00,{home} > Kitchen & Dining,7,Sand
            """;

        var (code, output) = await ImportAsync(csv);

        Assert.True(code == 0, output);
        Assert.Contains("3 created", output, StringComparison.Ordinal);
        var categories = (await (await _api.Anonymous().GetAsync("/api/catalog/categories")).Json()).EnumerateArray().ToList();
        JsonElement Named(string name) => Assert.Single(categories, c => c.GetProperty("name").GetString() == name);
        var top = Named(home);
        var kitchen = Assert.Single(categories, c => c.GetProperty("name").GetString() == "Kitchen & Dining"
            && c.GetProperty("parentId").GetString() == top.GetProperty("id").GetString());
        var mugs = Assert.Single(categories, c => c.GetProperty("name").GetString() == "Mugs"
            && c.GetProperty("parentId").GetString() == kitchen.GetProperty("id").GetString());
        var flat = Named($"Kitchen & Dining {_tag}");
        Assert.Equal(JsonValueKind.Null, flat.GetProperty("parentId").ValueKind);
        Assert.Equal($"kitchen-dining-{_tag.ToLowerInvariant()}", flat.GetProperty("slug").GetString());
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", mugs.GetProperty("slug").GetString()!);
        Assert.Equal(2, top.GetProperty("productCount").GetInt32()); // its subcategories' products count too

        // The top category's page lists its subcategories' products and links to them.
        var page = await _api.Anonymous().GetStringAsync($"/c/{top.GetProperty("slug").GetString()}");
        Assert.Contains("Stoneware Mug", page, StringComparison.Ordinal);
        Assert.Contains("Tea Towel", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/c/{kitchen.GetProperty("slug").GetString()}\"", page, StringComparison.Ordinal);

        var mug = await (await _api.Anonymous().GetAsync($"/api/catalog/products?category={mugs.GetProperty("slug").GetString()}")).Json();
        var id = mug.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("sku").GetString() == $"{_tag}-1").GetProperty("id").GetGuid();
        var details = await (await _api.Anonymous().GetAsync($"/api/catalog/products/{id}")).Json();
        Assert.Equal(description, details.GetProperty("description").GetString());
        Assert.Equal("Blue & White", details.GetProperty("attributes").GetProperty("colour").GetString());
    }

    [Fact]
    public async Task An_exported_catalog_imports_unchanged()
    {
        var csv = $"""
            {Header}
            {_tag}-A,Enamel Pot,"Two lines:
            lid & handle, 4.5 L",45.00,Garden {_tag} > Pots & Planters,3,Green
            {_tag}-B,Trowel,"Select from three sizes -- small, medium; large",9.99,Garden {_tag},12,
            """;
        Assert.Equal(0, (await ImportAsync(csv)).ExitCode);
        var first = await ExportAsync();
        Assert.Contains($"Garden {_tag} > Pots & Planters", first, StringComparison.Ordinal);

        var (code, output) = await ImportAsync(first);
        var second = await ExportAsync();

        Assert.True(code == 0, output);
        Assert.Contains("0 created", output, StringComparison.Ordinal);
        Assert.DoesNotContain("new categories", output, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_bad_record_is_reported_by_its_number_and_the_line_it_starts_on_in_the_files_own_column_names()
    {
        var csv = $"""
            {Header}
            {_tag}-G1,Good One,"Line one
            line two
            line three",5.00,Tools,1,
            {_tag}-G2,Good Two,"Another
            long one",6.00,Tools,2,
            {_tag}-BAD,Bad One,"It starts here
            and ends here",7.00,Tools > > Spanners,-3,
            {_tag}-G3,Good Three,Plain.,8.00,Tools,3,
            """;

        var (code, output) = await ImportAsync(csv);

        Assert.Equal(1, code);
        var text = Flat(output);
        // Record 3 starts on line 7 (the header is line 1; records 1 and 2 take lines 2-4 and 5-6) and ends on line 8.
        Assert.Contains($" 3 7 {_tag}-BAD stock must be between 0 and", text, StringComparison.Ordinal);
        Assert.Contains("stock must be between 0 and", text, StringComparison.Ordinal);
        Assert.Contains("category 'Tools > > Spanners' has an empty level", text, StringComparison.Ordinal);
        Assert.DoesNotContain("initialStock", text, StringComparison.Ordinal);
        Assert.DoesNotContain("categorySlug", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported: 1 record(s) rejected", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not listed", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_tag, await ExportAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_invalid_text_is_refused_and_the_report_says_how_many_rejections_it_did_not_list()
    {
        var rows = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= 250; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{_tag}-{i},Bad\u0001Name {i},Fine.,1.00,Misc,1,\n");
        }

        var (code, output) = await ImportAsync(rows.ToString());

        Assert.Equal(1, code);
        var text = Flat(output);
        Assert.Contains("name must not contain control characters", text, StringComparison.Ordinal);
        Assert.Contains($"{_tag}-200 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"{_tag}-201 ", text, StringComparison.Ordinal);
        Assert.Contains("… and 50 more not listed.", text, StringComparison.Ordinal);
        Assert.Contains("250 record(s) rejected", text, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("[│┌┐└┘├┤┬┴┼─|+]")]
    private static partial Regex TableLines();
}

public sealed class ImportingARealCatalogOnSqlite(SqliteShop shop) : ImportingARealCatalog(shop), IClassFixture<SqliteShop>;

public sealed class ImportingARealCatalogOnPostgres(PostgresShop shop) : ImportingARealCatalog(shop), IClassFixture<PostgresShop>;
