using System.Globalization;
using System.Text.Json;
using CloudMart.Modules.Recommendations.Model;
using CloudMart.Platform.Cli;
using Spectre.Console;

namespace CloudMart.Modules.Recommendations.Evaluation;

/// <summary>
/// <c>cloudmart recommendations evaluate --interactions file.csv [--json]</c>: offline Recall, NDCG and hit rate at 10
/// of each recommender beside the popularity baseline. With --json, stdout carries only the JSON and the progress
/// bar goes to stderr.
/// </summary>
internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string? path, bool json, RecommendationOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CommandLineException("recommendations evaluate needs --interactions <file.csv> (header user,item,timestamp[,basket]).");
        }
        if (!File.Exists(path))
        {
            throw new CommandLineException($"There is no file '{path}'.");
        }
        var console = json
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : AnsiConsole.Console;
        var started = System.Diagnostics.Stopwatch.StartNew();
        EvaluationReport report;
        try
        {
            report = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(context => Task.Run(() =>
                {
                    var reading = context.AddTask("Reading interactions", maxValue: 1);
                    var steps = new Dictionary<string, ProgressTask>();
                    InteractionLog log;
                    using (var stream = File.OpenRead(path))
                    {
                        log = InteractionLog.Read(stream, new SyncProgress<double>(f => reading.Value = f));
                    }
                    reading.Value = 1;
                    return OfflineEvaluation.Run(log, options, new SyncProgress<EvaluationProgress>(p =>
                    {
                        if (!steps.TryGetValue(p.Step, out var task))
                        {
                            steps[p.Step] = task = context.AddTask(p.Step, maxValue: 1);
                        }
                        task.Value = p.Fraction;
                    }));
                }, cancellationToken));
        }
        catch (InteractionsFileException e)
        {
            throw new CommandLineException($"{path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"Cannot read '{path}': {e.Message}");
        }
        if (report.Users == 0)
        {
            console.MarkupLine("[yellow]No user has both earlier interactions and something new in their last basket: there is nothing to score.[/]");
        }
        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
            {
                users = report.Users,
                recommenders = report.Recommenders.Select(r => new { name = r.Name, recallAt10 = r.RecallAt10, ndcgAt10 = r.NdcgAt10, hitRateAt10 = r.HitRateAt10 }),
            }, Json));
            return 0;
        }
        var table = new Table().AddColumns("Recommender", "Recall@10", "NDCG@10", "HitRate@10");
        foreach (var r in report.Recommenders)
        {
            table.AddRow(r.Name, Format(r.RecallAt10), Format(r.NdcgAt10), Format(r.HitRateAt10));
        }
        console.Write(table);
        console.MarkupLine(
            $"{report.Users:N0} users evaluated on their last basket; {report.Interactions:N0} interactions, {report.Items:N0} items, " +
            $"{report.Pairs:N0} co-purchase pairs (min support {options.MinSupport}); {started.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
