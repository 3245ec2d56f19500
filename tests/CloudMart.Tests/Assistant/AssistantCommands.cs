using CloudMart.Tests.CommandLine;

namespace CloudMart.Tests.Assistant;

/// <summary><c>cloudmart assistant evaluate</c>: accuracy and confusions of the intent recogniser, and clear errors for bad files.</summary>
public sealed class AssistantCommands : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Evaluate_prints_accuracy_and_confusions_as_json()
    {
        var file = _cli.PathFor("utterances.csv");
        await File.WriteAllTextAsync(file, """
            utterance,intent,notes
            where is my order CM-000001?,track_order,x
            please cancel my order,cancel_order,
            "I'd like to talk to a person, please",contact_human_agent,
            how long does delivery take,track_order,deliberately mislabelled
            """);

        var (exitCode, output) = await _cli.RunAsync("assistant", "evaluate", "--utterances", file, "--json");

        Assert.True(exitCode == 0, output);
        var json = JsonDocument.Parse(output.Split('\n').First(l => l.StartsWith('{'))).RootElement;
        Assert.Equal(4, json.GetProperty("total").GetInt32());
        Assert.Equal(0.75, json.GetProperty("accuracy").GetDouble());
        var confusion = Assert.Single(json.GetProperty("confusions").EnumerateArray());
        Assert.Equal("track_order", confusion.GetProperty("expected").GetString());
        Assert.Equal("delivery_period", confusion.GetProperty("predicted").GetString());
        Assert.Equal(1, confusion.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("no-such-file.csv", null, "There is no file")]
    [InlineData("empty.csv", "", "empty")]
    [InlineData("wrong-header.csv", "text,label\nhello,greeting\n", "utterance and intent")]
    [InlineData("header-only.csv", "utterance,intent\n", "no utterances")]
    [InlineData("blank-intent.csv", "utterance,intent\nhello,\n", "both utterance and intent")]
    public async Task A_bad_file_is_a_clear_error_with_exit_code_2(string name, string? content, string expected)
    {
        var file = _cli.PathFor(name);
        if (content is not null)
        {
            await File.WriteAllTextAsync(file, content);
        }

        var (exitCode, output) = await _cli.RunAsync("assistant", "evaluate", "--utterances", file);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Evaluate_without_a_file_says_what_it_needs()
    {
        var (exitCode, output) = await _cli.RunAsync("assistant", "evaluate");

        Assert.Equal(2, exitCode);
        Assert.Contains("--utterances", output);
    }
}
