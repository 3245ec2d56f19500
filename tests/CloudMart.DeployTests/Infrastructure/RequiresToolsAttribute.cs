namespace CloudMart.DeployTests.Infrastructure;

/// <summary>
/// A fact that needs command-line tools: when one is missing the test is reported as skipped, naming the tool,
/// never passed. Tools are looked up on PATH when the tests are discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactRequiringAttribute : FactAttribute
{
    public FactRequiringAttribute(params string[] tools)
    {
        Skip = Requirements.MissingReason(tools);
    }
}

/// <summary>The theory form of <see cref="FactRequiringAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TheoryRequiringAttribute : TheoryAttribute
{
    public TheoryRequiringAttribute(params string[] tools)
    {
        Skip = Requirements.MissingReason(tools);
    }
}

internal static class Requirements
{
    /// <summary>The pseudo-tool "aws-emulator": a moto_server to start, or CLOUDMART_TEST_MOTO naming a running one.</summary>
    public const string AwsEmulator = "aws-emulator";

    /// <summary>The pseudo-tool "terraform-aws": terraform and the AWS provider in the offline plugin folder.</summary>
    public const string TerraformAws = "terraform-aws";

    public static string? MissingReason(string[] tools)
    {
        var missing = tools.Where(t => !IsAvailable(t)).ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing.Select(Describe))}, not available on this machine";
    }

    private static bool IsAvailable(string tool) => tool switch
    {
        AwsEmulator => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CLOUDMART_TEST_MOTO")) || Tools.Find("moto_server") is not null,
        TerraformAws => Tools.Find("terraform") is not null && Directory.Exists(TerraformTree.PluginDirectory),
        _ => Tools.Find(tool) is not null,
    };

    private static string Describe(string tool) => tool switch
    {
        AwsEmulator => "an AWS emulator (moto_server on PATH, or CLOUDMART_TEST_MOTO=<url>)",
        TerraformAws => $"terraform with the AWS provider in {TerraformTree.PluginDirectory} (TF_PLUGIN_DIR)",
        _ => $"`{tool}`",
    };
}
