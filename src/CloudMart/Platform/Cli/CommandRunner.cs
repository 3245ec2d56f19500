using CloudMart.Modules.Catalog.GenerateCatalog;
using CloudMart.Modules.Catalog.ImportExport;
using CloudMart.Modules.Catalog.SeedDemoCatalog;
using CloudMart.Modules.Feedback.Training;
using CloudMart.Modules.Recommendations.Evaluation;
using CloudMart.Modules.Recommendations.Model;
using CloudMart.Modules.Recommendations.Training;
using System.Globalization;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CloudMart.Platform.Cli;

/// <summary>Runs the verbs other than <c>serve</c> with the app's own services (same configuration, same code paths as the API).</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Command command, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (command is { Verb: "recommendations", Arguments: ["evaluate"] })
        {
            // Works on a file alone: no database to migrate.
            return await EvaluateCommand.RunAsync(command.Options.GetValueOrDefault("--interactions"), command.Options.ContainsKey("--json"),
                services.GetRequiredService<IOptions<RecommendationOptions>>().Value, cancellationToken);
        }
        if (command.Verb == "sentiment")
        {
            return await SentimentAsync(command, services, cancellationToken);
        }
        if (command is { Verb: "dynamodb", Arguments: ["create-table"] })
        {
            // Creates the AWS table only: the relational database is not touched.
            return await Aws.DynamoDbCommands.CreateTableAsync(services, cancellationToken);
        }
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await ShopStartup.SeedAccountsAsync(services);
        switch (command.Verb, command.Arguments.Count > 0 ? command.Arguments[0] : null)
        {
            case ("migrate", null):
                AnsiConsole.MarkupLine("[green]Database is up to date.[/]");
                return 0;
            case ("seed", null):
                return await SeedAsync(command, services, cancellationToken);
            case ("catalog", "import") when command.Arguments.Count == 2:
                return await ImportAsync(command.Arguments[1], services, cancellationToken);
            case ("catalog", "export") when command.Arguments.Count == 2:
                return await ExportAsync(command.Arguments[1], services, cancellationToken);
            case ("events", "dead-letters") when command.Arguments.Count == 1:
                return await EventCommands.ListDeadLettersAsync(services, cancellationToken);
            case ("events", "replay") when command.Arguments.Count == 2 || command.Options.ContainsKey("--all"):
                return await EventCommands.ReplayAsync(command.Options.ContainsKey("--all") ? null : command.Arguments[1], services, cancellationToken);
            case ("ai", "reindex") when command.Arguments.Count == 1:
                return await CloudMart.Modules.Catalog.ProductVectors.ReindexCommand.RunAsync(services, command.Options.ContainsKey("--force"), cancellationToken);
            case ("assistant", "evaluate") when command.Arguments.Count == 1:
                return await AssistantCommands.EvaluateAsync(command, services, cancellationToken);
            case ("lambda", null):
                return await Aws.Streams.LambdaCommand.RunAsync(services, cancellationToken);
            case ("recommendations", "train") when command.Arguments.Count == 1:
                return await TrainCommand.RunAsync(services, cancellationToken);
            default:
                throw new CommandLineException($"'{command.Verb} {string.Join(' ', command.Arguments)}' is not a command. Run 'cloudmart help'.");
        }
    }

    /// <summary>Works on files alone: no database to migrate.</summary>
    private static async Task<int> SentimentAsync(Command command, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            return command.Arguments switch
            {
                ["train"] => await SentimentCommands.TrainAsync(command.Options.GetValueOrDefault("--sentences"), command.Options.GetValueOrDefault("--output"), services, cancellationToken),
                ["evaluate"] => await SentimentCommands.EvaluateAsync(command.Options.GetValueOrDefault("--sentences"), command.Options.GetValueOrDefault("--lexicon"),
                    command.Options.ContainsKey("--all"), command.Options.ContainsKey("--json"), services, cancellationToken),
                _ => throw new CommandLineException($"'{command.Verb} {string.Join(' ', command.Arguments)}' is not a command. Run 'cloudmart help'."),
            };
        }
        catch (LabelledFileException e)
        {
            throw new CommandLineException(e.Message);
        }
    }

    private static async Task<int> SeedAsync(Command command, IServiceProvider services, CancellationToken cancellationToken)
    {
        var count = command.IntOption("--products", 0, 0, 1_000_000);
        var seed = command.IntOption("--seed", 42, 0, int.MaxValue);
        await using (var scope = services.CreateAsyncScope())
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoCatalogSeeder>().SeedIfEmptyAsync(cancellationToken);
            AnsiConsole.MarkupLine(seeded > 0 ? $"Seeded the demo catalog: [green]{seeded}[/] products." : "The shop already has a catalog; demo seed skipped.");
        }
        if (count == 0)
        {
            return 0;
        }
        var generator = services.GetRequiredService<SyntheticCatalog>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Generating {count:N0} products", maxValue: count);
                await generator.GenerateAsync(count, seed, new Progress<int>(done => task.Value = done), cancellationToken);
                task.Value = count;
            });
        AnsiConsole.MarkupLine($"Generated [green]{count:N0}[/] products in {started.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static async Task<int> ImportAsync(string path, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CommandLineException($"There is no file '{path}'.");
        }
        await using var scope = services.CreateAsyncScope();
        using var reader = new StreamReader(path);
        var report = await AnsiConsole.Status().StartAsync($"Importing {Path.GetFileName(path)}…",
            _ => scope.ServiceProvider.GetRequiredService<CatalogCsv>().ImportAsync(reader, cancellationToken));
        if (report.Imported)
        {
            AnsiConsole.MarkupLine($"Imported: [green]{report.Created}[/] created, [green]{report.Updated}[/] updated" +
                (report.NewCategories.Count > 0 ? $", new categories: {Markup.Escape(string.Join(", ", report.NewCategories))}." : "."));
            return 0;
        }
        var table = new Table().AddColumns("Record", "Line", "SKU", "Why it was rejected");
        foreach (var row in report.Rejected.Take(MaxRejectionsListed))
        {
            table.AddRow(row.Record > 0 ? row.Record.ToString(CultureInfo.InvariantCulture) : "header", row.Line.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Sku), Markup.Escape(string.Join("; ", row.Reasons)));
        }
        AnsiConsole.Write(table);
        var unlisted = report.Rejected.Count - MaxRejectionsListed;
        if (unlisted > 0)
        {
            AnsiConsole.MarkupLine($"… and {unlisted} more not listed.");
        }
        AnsiConsole.MarkupLine($"[red]Nothing was imported:[/] {report.Rejected.Count} record(s) rejected. Fix them and import the file again.");
        return 1;
    }

    /// <summary>A terminal's worth of rejections; the count of the rest is always given.</summary>
    private const int MaxRejectionsListed = 200;

    private static async Task<int> ExportAsync(string path, IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var temporary = path + ".partial";
        int count;
        await using (var writer = new StreamWriter(temporary))
        {
            count = await scope.ServiceProvider.GetRequiredService<CatalogCsv>().ExportAsync(writer, cancellationToken);
        }
        File.Move(temporary, path, overwrite: true); // never leave a half-written export under the real name
        AnsiConsole.MarkupLine($"Exported [green]{count}[/] products to {Markup.Escape(path)}.");
        return 0;
    }
}
