using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Container;

/// <summary>
/// scripts/package-lambda.sh makes the zip Lambda's custom runtime can start: `bootstrap` at its root, executable,
/// running the shop's binary beside it as `CloudMart lambda`. The publish itself takes minutes, so the packaging is
/// proved here on a stand-in binary (`--from`), and a zip the script built earlier (./artifacts/lambda) is checked too.
/// </summary>
public sealed class LambdaPackage
{
    private static readonly string Script = Repo.PathOf("scripts", "package-lambda.sh");

    private static IReadOnlyList<HclBlock> FunctionModule() => Hcl.ParseFolder(Repo.PathOf("deploy", "terraform", "modules", "aws-function"));

    private static string? Default(string variable) =>
        Hcl.StringValue(FunctionModule().Single(b => b.Type == "variable" && b.Labels[0] == variable).Attribute("default"));

    [FactRequiring("bash", "zip", "unzip", "zipinfo")]
    public async Task The_zip_has_an_executable_bootstrap_at_its_root_that_runs_the_shop_as_its_lambda_command()
    {
        using var published = Repo.TempDirectory("lambda-published");
        using var output = Repo.TempDirectory("lambda-zip");
        using var unpacked = Repo.TempDirectory("lambda-unpacked");
        // A stand-in for the published binary: it says where it runs and with which arguments.
        var fake = Path.Combine(published.Path, "CloudMart");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho \"ran in $(pwd) with: $*\"\n");
        await File.WriteAllTextAsync(Path.Combine(published.Path, "appsettings.json"), "{}");

        var package = await Tools.RunAsync("bash", [Script, "--from", published.Path, "--output", output.Path]);
        Assert.True(package.ExitCode == 0, package.Describe());
        var zip = Path.Combine(output.Path, "cloudmart-lambda-x86_64.zip");
        Assert.Equal(["cloudmart-lambda-x86_64.zip"], Directory.EnumerateFileSystemEntries(output.Path).Select(Path.GetFileName));

        var check = await Tools.RunAsync("bash", [Script, "--check", zip]);
        Assert.True(check.ExitCode == 0, check.Describe());

        // Unpacked as Lambda does (into LAMBDA_TASK_ROOT) and started from elsewhere, as the runtime starts it.
        var unzip = await Tools.RunAsync("unzip", ["-q", zip, "-d", unpacked.Path]);
        Assert.True(unzip.ExitCode == 0, unzip.Describe());
        var run = await Tools.RunAsync(Path.Combine(unpacked.Path, "bootstrap"), ["--trace"], workingDirectory: Path.GetTempPath());
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal($"ran in {unpacked.Path} with: lambda --trace", run.Output.Trim());

        // And the real zips, when the script has built any here (a full publish takes minutes, so the test does not).
        var built = Directory.Exists(Repo.PathOf("artifacts", "lambda"))
            ? Directory.EnumerateFiles(Repo.PathOf("artifacts", "lambda"), "cloudmart-lambda-*.zip").ToList()
            : [];
        foreach (var real in built)
        {
            var checkReal = await Tools.RunAsync("bash", [Script, "--check", real]);
            Assert.True(checkReal.ExitCode == 0, checkReal.Describe());
        }
    }

    [FactRequiring("bash", "zip", "unzip", "zipinfo")]
    public async Task The_check_refuses_a_zip_whose_bootstrap_is_in_a_folder_or_not_executable()
    {
        using var work = Repo.TempDirectory("lambda-bad");
        var nested = Path.Combine(work.Path, "nested");
        Directory.CreateDirectory(Path.Combine(nested, "app"));
        await File.WriteAllTextAsync(Path.Combine(nested, "app", "bootstrap"), "#!/bin/sh\nexec ./CloudMart lambda \"$@\"\n");
        await File.WriteAllTextAsync(Path.Combine(nested, "app", "CloudMart"), "#!/bin/sh\n");
        var inFolder = Path.Combine(work.Path, "in-folder.zip");
        Assert.Equal(0, (await Tools.RunAsync("zip", ["-q", "-r", inFolder, "app"], nested)).ExitCode);

        var flat = Path.Combine(work.Path, "flat");
        Directory.CreateDirectory(flat);
        await File.WriteAllTextAsync(Path.Combine(flat, "bootstrap"), "#!/bin/sh\nexec ./CloudMart lambda \"$@\"\n");
        await File.WriteAllTextAsync(Path.Combine(flat, "CloudMart"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(flat, "bootstrap"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var notExecutable = Path.Combine(work.Path, "not-executable.zip");
        Assert.Equal(0, (await Tools.RunAsync("zip", ["-q", "-r", notExecutable, "."], flat)).ExitCode);

        var folder = await Tools.RunAsync("bash", [Script, "--check", inFolder]);
        Assert.NotEqual(0, folder.ExitCode);
        Assert.Contains("has no 'bootstrap' at its root", folder.Error, StringComparison.Ordinal);

        var mode = await Tools.RunAsync("bash", [Script, "--check", notExecutable]);
        Assert.NotEqual(0, mode.ExitCode);
        Assert.Contains("'bootstrap' in", mode.Error, StringComparison.Ordinal);
        Assert.Contains("is not executable", mode.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_terraform_function_takes_the_zip_as_a_custom_runtime_started_by_bootstrap_on_an_architecture_the_script_builds()
    {
        Assert.Equal("provided.al2023", Default("runtime"));
        Assert.Equal("bootstrap", Default("handler"));
        var script = File.ReadAllText(Script);
        var architecture = Default("architecture");
        Assert.NotNull(architecture);
        Assert.Contains($"    {architecture}) rid=", script, StringComparison.Ordinal);
        var function = FunctionModule().Single(b => b.Type == "resource" && b.Labels[0] == "aws_lambda_function");
        Assert.Contains("var.package_path", function.Attribute("filename"), StringComparison.Ordinal);
    }

    [FactRequiring("shellcheck")]
    public async Task The_packaging_script_passes_shellcheck()
    {
        var result = await Tools.RunAsync("shellcheck", [Script]);
        Assert.True(result.ExitCode == 0, result.Describe());
    }
}
