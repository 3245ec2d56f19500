using CloudMart.Modules.Feedback.Sentiment;
using CloudMart.Modules.Feedback.Training;
using CloudMart.Tests.CommandLine;

namespace CloudMart.Tests.Feedback;

/// <summary><c>cloudmart sentiment train</c> and <c>evaluate</c>, run as the real command in its own process.</summary>
public sealed class SentimentCommandSpecs : IDisposable
{
    private readonly Cli _cli = new();

    /// <summary>A small labelled file: the first rows of two shared files, as a shop would bring its own.</summary>
    private string SmallSet(string name, int perDomain)
    {
        var file = _cli.PathFor(name);
        var rows = new[] { "amazon_cells.tsv", "yelp.tsv" }.SelectMany(f => File.ReadLines(Path.Combine(SharedSentimentData.LabelledSentences, f)).Skip(1).Take(perDomain));
        File.WriteAllLines(file, ["text\tlabel", .. rows]);
        return file;
    }

    [Fact]
    public async Task Evaluate_with_json_prints_the_held_out_figures_of_the_local_analyzer_beside_VADER_per_domain()
    {
        // The first 150 rows of each shared file as a folder of two domains: the full set takes minutes to embed.
        var folder = Directory.CreateDirectory(_cli.PathFor("sentences")).FullName;
        foreach (var domain in new[] { "amazon_cells", "yelp" })
        {
            File.WriteAllLines(Path.Combine(folder, domain + ".tsv"), File.ReadLines(Path.Combine(SharedSentimentData.LabelledSentences, domain + ".tsv")).Take(151));
        }
        var heldOut = LabelledSentences.Read(folder).Count(s => s.IsHeldOut);

        var (code, output, error) = await _cli.RunSeparatelyAsync("sentiment", "evaluate", "--sentences", folder, "--lexicon", SharedSentimentData.VaderLexicon, "--json");

        Assert.True(code == 0, output + error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Contains("held-out 30 %", json.GetProperty("split").GetString(), StringComparison.Ordinal);
        Assert.Equal(heldOut, json.GetProperty("sentences").GetInt32());
        var analyzers = json.GetProperty("analyzers").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        Assert.Equal(["local", "vader"], analyzers.Keys);
        Assert.Equal(["amazon_cells", "yelp"], analyzers["local"].GetProperty("domains").EnumerateObject().Select(d => d.Name));
        foreach (var metric in new[] { "accuracy", "macroF1", "forcedAccuracy", "pearsonR" })
        {
            Assert.InRange(analyzers["local"].GetProperty(metric).GetDouble(), 0, 1);
        }
        Assert.True(analyzers["local"].GetProperty("macroF1").GetDouble() > analyzers["vader"].GetProperty("macroF1").GetDouble(), output);
        Assert.Equal(heldOut, analyzers["vader"].GetProperty("domains").EnumerateObject().Sum(d => d.Value.GetProperty("sentences").GetInt32()));
    }

    [Fact]
    public async Task Train_writes_a_model_from_the_training_part_that_evaluate_then_uses()
    {
        var sentences = SmallSet("small.tsv", 150);
        var model = _cli.PathFor("model.json");

        var (trained, trainOutput) = await _cli.RunAsync("sentiment", "train", "--sentences", sentences, "--output", model);

        Assert.True(trained == 0, trainOutput);
        var text = System.Text.RegularExpressions.Regex.Replace(trainOutput, @"\s+", " ");
        Assert.Matches(@"Trained on \d+ sentences \(\d+ held out\)", text);
        var written = SentimentModel.Load(model);
        var heldOut = LabelledSentences.Read(sentences).Count(s => s.IsHeldOut);
        Assert.Contains($"{300 - heldOut} sentences", written.TrainedOn, StringComparison.Ordinal);
        Assert.True(written.Lexicon.Count > 10);

        var (evaluated, evaluateOutput, error) = await _cli.RunSeparatelyAsync("sentiment", "evaluate", "--sentences", sentences, "--all", "--json",
            "--lexicon", SharedSentimentData.VaderLexicon, $"--CloudMart:AI:Sentiment:ModelPath={model}");
        Assert.True(evaluated == 0, evaluateOutput + error);
        var local = JsonDocument.Parse(evaluateOutput).RootElement.GetProperty("analyzers")[0];
        Assert.Equal(300, JsonDocument.Parse(evaluateOutput).RootElement.GetProperty("sentences").GetInt32());
        Assert.True(local.GetProperty("accuracy").GetDouble() > 0.75, evaluateOutput);
    }

    [Fact]
    public async Task Evaluate_prints_a_table_and_works_without_a_lexicon()
    {
        var sentences = SmallSet("plain.tsv", 40);

        var (code, output) = await _cli.RunAsync("sentiment", "evaluate", "--sentences", sentences, "--all");

        Assert.True(code == 0, output);
        Assert.Contains("Macro-F1", output, StringComparison.Ordinal);
        Assert.Contains("local", output, StringComparison.Ordinal);
        Assert.Contains("give --lexicon", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_a_plain_message_and_exit_code_2()
    {
        var badHeader = _cli.PathFor("bad-header.tsv");
        await File.WriteAllTextAsync(badHeader, "sentence\tstars\nGood\t5\n");
        var badLabel = _cli.PathFor("bad-label.tsv");
        await File.WriteAllTextAsync(badLabel, "text\tlabel\nGood kettle\t1\nBad kettle\tmaybe\n");
        var empty = Directory.CreateDirectory(_cli.PathFor("empty")).FullName;

        foreach (var (arguments, message) in new[]
        {
            (new[] { "sentiment", "evaluate", "--sentences", _cli.PathFor("missing.tsv") }, "There is no file or folder"),
            (["sentiment", "evaluate", "--sentences", badHeader, "--json"], "the header must have text and label columns"),
            (["sentiment", "evaluate", "--sentences", badLabel, "--all"], "line 3: label 'maybe'"),
            (["sentiment", "evaluate", "--sentences", empty], "holds no .tsv or .csv files"),
            (["sentiment", "evaluate", "--sentences", badLabel, "--lexicon", _cli.PathFor("nope.txt")], "label 'maybe'"),
            (["sentiment", "evaluate"], "needs --sentences"),
            (["sentiment", "train", "--sentences", badLabel], "label 'maybe'"),
            (["sentiment", "predict"], "is not a command"),
        })
        {
            var (code, output, error) = await _cli.RunSeparatelyAsync(arguments);
            Assert.True(code == 2, $"{string.Join(' ', arguments)} → {code}: {output}{error}");
            Assert.Contains(message, output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _cli.Dispose();
}
