namespace CloudMart.Tests.CommandLine;

/// <summary>The command line a shop owner uses: seed, generate, import and export the catalog.</summary>
public sealed class CatalogCommands : IDisposable
{
    private readonly Cli _cli = new();

    private const string Header = "sku,name,description,price,category,stock,color,material";

    [Fact]
    public async Task Seed_fills_an_empty_shop_with_the_demo_catalog_and_generates_synthetic_products()
    {
        var (seeded, output) = await _cli.RunAsync("seed", "--products", "120");
        Assert.True(seeded == 0, output);
        Assert.Contains("Generated 120 products", output, StringComparison.Ordinal);

        var export = _cli.PathFor("all.csv");
        var (exported, exportOutput) = await _cli.RunAsync("catalog", "export", export);
        Assert.True(exported == 0, exportOutput);
        var rows = File.ReadAllLines(export).Skip(1).ToList();
        Assert.True(rows.Count >= 200 + 120, $"expected the demo catalog (200+) and 120 generated products, got {rows.Count}");
        Assert.Equal(120, rows.Count(r => r.StartsWith("GEN-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_valid_file_is_imported_and_exported_again_with_its_attributes()
    {
        var file = _cli.PathFor("import.csv");
        await File.WriteAllLinesAsync(file,
        [
            Header,
            "IMP-1,Walnut Chopping Board,\"End-grain board, oiled.\",34.50,kitchen-tools,12,Brown,Walnut",
            "IMP-2,Linen Tea Towel Set,Three towels in washed linen.,18.00,kitchen-tools,40,Sand,Linen",
        ]);

        var (code, output) = await _cli.RunAsync("catalog", "import", file);

        Assert.True(code == 0, output);
        Assert.Contains("2 created", output, StringComparison.Ordinal);
        var export = _cli.PathFor("out.csv");
        Assert.Equal(0, (await _cli.RunAsync("catalog", "export", export)).ExitCode);
        var lines = await File.ReadAllLinesAsync(export);
        var board = Assert.Single(lines, l => l.StartsWith("IMP-1,", StringComparison.Ordinal));
        Assert.Contains("34.50", board, StringComparison.Ordinal);
        Assert.Contains("kitchen-tools", board, StringComparison.Ordinal);
        Assert.Contains("Walnut", board, StringComparison.Ordinal);
        Assert.Contains(",12,", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_says_which_rows_and_why()
    {
        var file = _cli.PathFor("bad.csv");
        await File.WriteAllLinesAsync(file,
        [
            Header,
            "GOOD-1,Stoneware Mug,A sturdy mug.,12.00,mugs,10,White,Stoneware",
            "BAD-1,Broken Price,Price is not a number.,twelve,mugs,10,White,Stoneware",
            "BAD-2,Mug\u202E,Text that reads backwards in the name.,5.00,mugs,1,Red,Glass",
            "GOOD-1,Same SKU Again,Duplicate SKU in one file.,9.00,mugs,3,Blue,Glass",
            "BAD-3,Negative Stock,Stock below zero.,9.00,mugs,-4,Blue,Glass",
        ]);

        var (code, output) = await _cli.RunAsync("catalog", "import", file);

        Assert.Equal(1, code);
        Assert.Contains("Nothing was imported", output, StringComparison.Ordinal);
        Assert.Contains("not a number", output, StringComparison.Ordinal);
        Assert.Contains("valid, visible text", output, StringComparison.Ordinal);
        Assert.Contains("earlier record", output, StringComparison.Ordinal);
        Assert.Contains("stock must be between", output, StringComparison.Ordinal);
        var export = _cli.PathFor("after.csv");
        Assert.Equal(0, (await _cli.RunAsync("catalog", "export", export)).ExitCode);
        Assert.DoesNotContain(await File.ReadAllLinesAsync(export), l => l.StartsWith("GOOD-1,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mistakes_on_the_command_line_get_a_plain_message_and_exit_code_2()
    {
        var (unknown, unknownOutput) = await _cli.RunAsync("frobnicate");
        Assert.Equal(2, unknown);
        Assert.Contains("Unknown command", unknownOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unknownOutput, StringComparison.Ordinal);

        var (badCount, badOutput) = await _cli.RunAsync("seed", "--products", "lots");
        Assert.Equal(2, badCount);
        Assert.Contains("--products must be a whole number", badOutput, StringComparison.Ordinal);

        var (missing, missingOutput) = await _cli.RunAsync("catalog", "import", _cli.PathFor("nope.csv"));
        Assert.Equal(2, missing);
        Assert.Contains("There is no file", missingOutput, StringComparison.Ordinal);

        var (help, helpOutput) = await _cli.RunAsync("help");
        Assert.Equal(0, help);
        Assert.Contains("catalog import", helpOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
