using CloudMart.Platform.Cli;

namespace CloudMart.Tests.Rules;

/// <summary>How <c>cloudmart</c> reads its arguments: verbs, roles, and settings passed through to the host.</summary>
public sealed class CommandLineParsing
{
    [Fact]
    public void No_arguments_serve_the_shop_in_every_role()
    {
        var command = Command.Parse([]);
        Assert.Equal("serve", command.Verb);
        Assert.Equal(ServeRole.All, command.Role);
        Assert.True(command.RunsHandlers);
    }

    [Theory]
    [InlineData("web", false)]
    [InlineData("worker", true)]
    [InlineData("ALL", true)]
    public void The_role_decides_whether_this_process_runs_the_event_handlers(string role, bool runsHandlers) =>
        Assert.Equal(runsHandlers, Command.Parse(["serve", "--role", role]).RunsHandlers);

    [Fact]
    public void An_unknown_role_is_a_usage_error()
    {
        var error = Assert.Throws<CommandLineException>(() => Command.Parse(["serve", "--role", "banana"]));
        Assert.Contains("--role must be all, web or worker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_settings_pass_through_and_verbs_keep_their_own_options()
    {
        var command = Command.Parse(["seed", "--products", "500", "--urls", "http://127.0.0.1:5000", "--CloudMart:DataDirectory=/tmp/x"]);
        Assert.Equal("seed", command.Verb);
        Assert.Equal(500, command.IntOption("--products", 0, 0, 1_000_000));
        Assert.Equal(["--urls", "http://127.0.0.1:5000", "--CloudMart:DataDirectory=/tmp/x"], command.HostArgs);
        Assert.False(command.RunsHandlers);
    }

    [Fact]
    public void Settings_alone_mean_serve()
    {
        var command = Command.Parse(["--urls", "http://127.0.0.1:5000"]);
        Assert.Equal("serve", command.Verb);
        Assert.Equal(["--urls", "http://127.0.0.1:5000"], command.HostArgs);
    }
}
