using System.Text.Json;
using CloudMart.Modules.Assistant.Evaluate;
using Spectre.Console;

namespace CloudMart.Platform.Cli;

/// <summary><c>cloudmart assistant evaluate --utterances file.csv [--json]</c>: how well the offline assistant recognises intents.</summary>
internal static class AssistantCommands
{
    public static async Task<int> EvaluateAsync(Command command, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!command.Options.TryGetValue("--utterances", out var path))
        {
            throw new CommandLineException("assistant evaluate needs --utterances <file.csv> (columns utterance,intent).");
        }
        if (!File.Exists(path))
        {
            throw new CommandLineException($"There is no file '{path}'.");
        }
        IReadOnlyList<LabelledUtterance> rows;
        try
        {
            using var reader = new StreamReader(path);
            rows = IntentEvaluation.Read(reader);
        }
        catch (EvaluationFileException e)
        {
            throw new CommandLineException($"{path}: {e.Message}");
        }
        catch (Exception e) when (e is CsvHelper.CsvHelperException or IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"{path} could not be read as CSV: {e.Message}");
        }

        var evaluation = services.GetRequiredService<IntentEvaluation>();
        // Progress goes to stderr so that stdout carries only the result (and stays valid JSON with --json).
        var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        EvaluationReport report = null!;
        await progressConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Classifying {rows.Count:N0} utterances", maxValue: rows.Count);
                report = await evaluation.EvaluateAsync(rows, new Progress<int>(done => task.Value = done), cancellationToken);
                task.Value = rows.Count;
            });

        if (command.Options.ContainsKey("--json"))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(
                new { total = report.Total, accuracy = report.Accuracy, confusions = report.Confusions.Select(c => new { expected = c.Expected, predicted = c.Predicted, count = c.Count }) }));
            return 0;
        }
        AnsiConsole.MarkupLine($"Accuracy: [green]{report.Accuracy:P1}[/] of {report.Total:N0} utterances.");
        if (report.Confusions.Count > 0)
        {
            var table = new Table().AddColumns("Expected", "Predicted", "Count");
            foreach (var c in report.Confusions.Take(10))
            {
                table.AddRow(Markup.Escape(c.Expected), Markup.Escape(c.Predicted), c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            AnsiConsole.MarkupLine("Most confused intents:");
            AnsiConsole.Write(table);
        }
        return 0;
    }
}
