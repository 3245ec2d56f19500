using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CloudMart.Modules.Feedback.Contracts;
using CloudMart.Modules.Feedback.Sentiment;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace CloudMart.Modules.Feedback.Training;

/// <summary>
/// <c>cloudmart sentiment train --sentences &lt;dir-or-file&gt; [--output file]</c> and
/// <c>cloudmart sentiment evaluate --sentences &lt;dir-or-file&gt; [--lexicon file] [--all] [--json]</c>.
/// Both work on files alone: no database. A bad file is a plain message and exit code 2 (<see cref="LabelledFileException"/>).
/// </summary>
internal static class SentimentCommands
{
    public const string DefaultModelFile = "sentiment-model.json";

    public static async Task<int> TrainAsync(string? sentencesPath, string? outputPath, IServiceProvider services, CancellationToken cancellationToken)
    {
        var sentences = LabelledSentences.Read(sentencesPath ?? throw new LabelledFileException("sentiment train needs --sentences <folder-or-file> (columns text,label)."));
        var output = Path.GetFullPath(outputPath ?? DefaultModelFile);
        var trainer = new SentimentTrainer(services.GetRequiredService<LocalSentimentAnalyzerFactory>().Embeddings);
        var training = sentences.Count(s => !s.IsHeldOut);
        SentimentModel? model = null;
        TrainingReport? report = null;
        await Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Embedding {training:N0} training sentences", maxValue: training);
            (model, report) = await trainer.TrainAsync(sentences, new Progress<int>(done => task.Value = done), cancellationToken);
            task.Value = training;
        });
        var temporary = output + ".partial";
        await using (var file = File.Create(temporary))
        {
            model!.Write(file);
        }
        File.Move(temporary, output, overwrite: true);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {report!.Sentences:N0} sentences ({sentences.Count - training:N0} held out): {report.LexiconWords:N0} lexicon words, L2 {report.L2}, 5-fold accuracy {report.CrossValidatedAccuracy:0.000}. Wrote {output} ({new FileInfo(output).Length / 1024:N0} KB).")));
        return 0;
    }

    public static async Task<int> EvaluateAsync(string? sentencesPath, string? lexiconPath, bool all, bool json, IServiceProvider services, CancellationToken cancellationToken)
    {
        var path = sentencesPath ?? throw new LabelledFileException("sentiment evaluate needs --sentences <folder-or-file> (columns text,label).");
        var read = LabelledSentences.Read(path);
        var sentences = all ? read : [.. read.Where(s => s.IsHeldOut)];
        if (sentences.Count == 0)
        {
            throw new LabelledFileException($"{path} has no held-out sentences; add --all to evaluate every sentence.");
        }
        lexiconPath ??= DefaultLexicon(path);
        if (lexiconPath is not null && !File.Exists(lexiconPath))
        {
            throw new LabelledFileException($"There is no lexicon file '{lexiconPath}'.");
        }
        var analyzer = services.GetRequiredService<LocalSentimentAnalyzerFactory>().Create();
        var texts = sentences.Select(s => s.Text).ToList();
        var results = new List<SentimentResult>(texts.Count);
        var clock = Stopwatch.StartNew();
        await Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Scoring {texts.Count:N0} sentences", maxValue: texts.Count);
            foreach (var chunk in texts.Chunk(64))
            {
                results.AddRange(await analyzer.AnalyzeAsync(chunk, cancellationToken));
                task.Value = results.Count;
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var figures = new List<AnalyzerFigures> { SentimentEvaluation.Figures("local", sentences, [.. results.Select(r => (r.Label, r.Score))], seconds) };
        if (lexiconPath is not null)
        {
            var vader = VaderBaseline.Load(lexiconPath);
            clock.Restart();
            var compounds = texts.Select(vader.Compound).ToList();
            figures.Add(SentimentEvaluation.Figures("vader", sentences,
                [.. compounds.Select(c => (c >= 0.05 ? SentimentLabel.Positive : c <= -0.05 ? SentimentLabel.Negative : SentimentLabel.Neutral, c))], clock.Elapsed.TotalSeconds));
        }
        var split = all ? "every sentence" : $"the held-out {LabelledSentences.HeldOutPercent} % (split seed '{LabelledSentences.SplitSeed}')";
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                sentences = sentences.Count,
                split,
                analyzers = figures.Select(f => new
                {
                    name = f.Name,
                    accuracy = Math.Round(f.Overall.Accuracy, 4),
                    macroF1 = Math.Round(f.Overall.MacroF1, 4),
                    forcedAccuracy = Math.Round(f.Overall.ForcedAccuracy, 4),
                    pearsonR = Math.Round(f.Overall.PearsonR, 4),
                    textsPerSecond = Math.Round(f.TextsPerSecond, 1),
                    domains = f.Domains.ToDictionary(d => d.Key, d => new { sentences = d.Value.Sentences, accuracy = Math.Round(d.Value.Accuracy, 4), macroF1 = Math.Round(d.Value.MacroF1, 4), pearsonR = Math.Round(d.Value.PearsonR, 4) }),
                }),
            }));
            return 0;
        }
        AnsiConsole.MarkupLine(Markup.Escape($"{sentences.Count:N0} sentences: {split}."));
        var table = new Table().AddColumns("Analyzer", "Domain", "Sentences", "Accuracy", "Macro-F1", "Forced acc.", "Pearson r");
        foreach (var f in figures)
        {
            foreach (var (domain, d) in f.Domains.Append(new KeyValuePair<string, Figures>("all", f.Overall)))
            {
                table.AddRow(f.Name, Markup.Escape(domain), d.Sentences.ToString("N0", CultureInfo.InvariantCulture), d.Accuracy.ToString("0.000", CultureInfo.InvariantCulture),
                    d.MacroF1.ToString("0.000", CultureInfo.InvariantCulture), d.ForcedAccuracy.ToString("0.000", CultureInfo.InvariantCulture), d.PearsonR.ToString("0.000", CultureInfo.InvariantCulture));
            }
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"local: {figures[0].TextsPerSecond:N0} sentences/s.")));
        if (lexiconPath is null)
        {
            AnsiConsole.MarkupLine("No VADER lexicon beside the sentences: give --lexicon <vader_lexicon.txt> for the baseline.");
        }
        return 0;
    }

    /// <summary>The shared data keeps the lexicon next to the sentences folder.</summary>
    private static string? DefaultLexicon(string sentencesPath)
    {
        var folder = Directory.Exists(sentencesPath) ? Path.GetFullPath(sentencesPath) : Path.GetDirectoryName(Path.GetFullPath(sentencesPath));
        foreach (var candidate in new[] { folder, Path.GetDirectoryName(folder ?? "") })
        {
            if (candidate is not null && File.Exists(Path.Combine(candidate, "vader_lexicon.txt")))
            {
                return Path.Combine(candidate, "vader_lexicon.txt");
            }
        }
        return null;
    }

    private static Spectre.Console.Progress Progress() =>
        // Progress goes to stderr so that stdout carries only the result (and stays valid JSON with --json).
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());
}
