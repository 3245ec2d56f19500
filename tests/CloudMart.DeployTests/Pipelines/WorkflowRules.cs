using System.Text.RegularExpressions;
using CloudMart.DeployTests.Infrastructure;
using YamlDotNet.Serialization;

namespace CloudMart.DeployTests.Pipelines;

/// <summary>
/// The GitHub Actions workflows and CodeBuild buildspecs parse and do what the delivery promises: CI builds, tests,
/// scans and pushes through OIDC; one image goes dev → qa → stage → prod through the one rollout script, with an
/// approval before prod and a rollback step; every third-party action is pinned to a full commit SHA.
/// </summary>
public sealed partial class WorkflowRules
{
    private static readonly string Folder = Repo.PathOf(".github", "workflows");

    private static Dictionary<object, object> Load(string path) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(path))
        ?? throw new Xunit.Sdk.XunitException($"{path} is empty");

    private static Dictionary<object, object> Workflow(string name) => Load(Path.Combine(Folder, name));

    private static Dictionary<object, object> Map(object? node) => node as Dictionary<object, object> ?? [];

    private static List<object> List(object? node) => node as List<object> ?? [];

    private static IEnumerable<(string Job, Dictionary<object, object> Step)> Steps(Dictionary<object, object> workflow) =>
        Map(workflow.Get("jobs")).SelectMany(job => List(Map(job.Value).Get("steps")).Select(s => ((string)job.Key, Map(s))));

    private static string Runs(Dictionary<object, object> workflow) =>
        string.Join('\n', Steps(workflow).Select(s => s.Step.Get("run") as string ?? ""));

    public static TheoryData<string> WorkflowFiles => new(Directory.EnumerateFiles(Folder, "*.yml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_workflow_parses_has_least_privilege_permissions_and_pins_actions_to_a_commit(string file)
    {
        var workflow = Workflow(file);
        var violations = new Violations();
        var path = $".github/workflows/{file}";
        violations.Check(workflow.Get("name") is string, path, "workflow", "has a name");
        violations.Check(workflow.Get("on") is not null, path, "workflow", "has triggers");
        violations.Check(workflow.Get("permissions") is Dictionary<object, object> p && !p.ContainsValue("write-all") && p.Get("contents") as string == "read",
            path, "workflow", "declares its permissions (contents: read)");
        var jobs = Map(workflow.Get("jobs"));
        violations.Check(jobs.Count > 0, path, "workflow", "has jobs");
        foreach (var (name, body) in jobs.Select(j => ((string)j.Key, Map(j.Value))))
        {
            violations.Check(body.Get("runs-on") is string || body.Get("uses") is string, path, $"job {name}", "has runs-on or calls a workflow");
            if (body.Get("runs-on") is string runner) violations.Check(runner != "ubuntu-latest", path, $"job {name}", "runs on a pinned runner image");
            if (body.Get("runs-on") is string) violations.Check(body.Get("timeout-minutes") is not null, path, $"job {name}", "has a timeout");
            if (body.Get("uses") is string reusable) violations.Check(reusable.StartsWith("./.github/workflows/", StringComparison.Ordinal) && File.Exists(Repo.PathOf(reusable[2..])), path, $"job {name}", $"calls a workflow of this repository ({reusable})");
        }
        foreach (var (job, step) in Steps(workflow))
        {
            if (step.Get("uses") is not string uses) continue;
            violations.Check(uses.StartsWith("./", StringComparison.Ordinal) || PinnedAction().IsMatch(uses), path, $"job {job} step {uses}", "third-party action pinned to a full commit SHA");
            var with = Map(step.Get("with"));
            violations.Check(!with.Keys.Cast<string>().Any(k => k.Contains("access-key", StringComparison.Ordinal)), path, $"job {job} step {uses}", "no long-lived AWS keys (OIDC role only)");
            if (uses.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal))
            {
                violations.Check(with.Get("role-to-assume") is string, path, $"job {job} step {uses}", "assumes a role through OIDC");
                var permissions = Map(Map(jobs.Get(job)).Get("permissions") ?? workflow.Get("permissions"));
                violations.Check(permissions.Get("id-token") as string == "write", path, $"job {job}", "may request an OIDC token (id-token: write)");
            }
        }
        violations.Check(!File.ReadAllText(Path.Combine(Folder, file)).Contains("AWS_SECRET_ACCESS_KEY", StringComparison.Ordinal), path, "workflow", "never reads AWS keys");
        violations.AssertNone();
    }

    [Fact]
    public void Ci_tests_checks_dependencies_makes_sboms_scans_and_pushes_through_oidc_on_main()
    {
        var ci = Workflow("ci.yml");
        var on = Map(ci.Get("on"));
        Assert.True(on.ContainsKey("pull_request"));
        Assert.Equal(["main"], List(Map(on.Get("push")).Get("branches")).Cast<string>());
        var runs = Runs(ci);
        Assert.Contains("scripts/test.sh", runs, StringComparison.Ordinal);
        Assert.Contains("package --vulnerable --include-transitive", runs, StringComparison.Ordinal);
        Assert.Contains("cyclonedx", runs, StringComparison.Ordinal);
        Assert.Contains("config --exit-code 1", runs, StringComparison.Ordinal); // IaC scan
        Assert.Contains("image --exit-code 1", runs, StringComparison.Ordinal); // image scan
        Assert.Contains("shellcheck deploy/scripts/*.sh", runs, StringComparison.Ordinal);
        Assert.Contains("docker push", runs, StringComparison.Ordinal);

        var image = Map(Map(ci.Get("jobs")).Get("image"));
        Assert.Equal(["test", "dependencies", "iac-scan"], List(image.Get("needs")).Cast<string>());
        var push = List(image.Get("steps")).Select(Map).Single(s => (s.Get("run") as string ?? "").Contains("docker push", StringComparison.Ordinal));
        Assert.Equal("github.event_name == 'push'", push.Get("if"));
        Assert.Contains(List(image.Get("steps")).Select(Map), s => (s.Get("uses") as string ?? "").StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal));
        // The scan runs before the push: a vulnerable image never reaches the registry.
        var steps = List(image.Get("steps")).Select(Map).Select(s => s.Get("run") as string ?? "").ToList();
        Assert.True(steps.FindIndex(s => s.Contains("image --exit-code 1", StringComparison.Ordinal)) < steps.FindIndex(s => s.Contains("docker push", StringComparison.Ordinal)));
        // The deploy tests need the scripts and tools CI installs.
        Assert.Contains("deploy/scripts/install-terraform-providers.sh", runs, StringComparison.Ordinal);
        Assert.Contains("TF_PLUGIN_DIR", runs, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_promotes_one_image_through_dev_qa_stage_and_prod_in_order()
    {
        var deploy = Workflow("deploy.yml");
        var jobs = Map(deploy.Get("jobs"));
        var previous = "resolve";
        foreach (var environment in new[] { "dev", "qa", "stage", "prod" })
        {
            var job = Map(jobs.Get(environment));
            Assert.Equal("./.github/workflows/deploy-environment.yml", job.Get("uses"));
            var needs = job.Get("needs") is string one ? [one] : List(job.Get("needs")).Cast<string>().ToList();
            Assert.Contains(previous, needs);
            var with = Map(job.Get("with"));
            Assert.Equal(environment, with.Get("environment"));
            Assert.Equal("${{ needs.resolve.outputs.image }}", with.Get("image"));
            previous = environment;
        }
        var on = Map(deploy.Get("on"));
        Assert.Equal(["ci"], List(Map(on.Get("workflow_run")).Get("workflows")).Cast<string>());
        Assert.Contains("imageDigest", Runs(deploy), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_environment_deploys_through_the_rollout_script_in_its_github_environment_and_rolls_back_when_cancelled()
    {
        var workflow = Workflow("deploy-environment.yml");
        var job = Map(Assert.Single(Map(workflow.Get("jobs"))).Value);
        Assert.Equal("${{ inputs.environment }}", Map(job.Get("environment")).Get("name"));
        var steps = List(job.Get("steps")).Select(Map).ToList();
        var rollout = Assert.Single(steps, s => (s.Get("run") as string ?? "").Contains("deploy/scripts/rollout.sh", StringComparison.Ordinal));
        Assert.Null(rollout.Get("if"));
        var rollback = Assert.Single(steps, s => (s.Get("run") as string ?? "").Contains("deploy/scripts/rollback.sh", StringComparison.Ordinal));
        Assert.Equal("cancelled()", rollback.Get("if"));
        var env = Map(job.Get("env"));
        Assert.Equal("${{ secrets.SLACK_WEBHOOK_URL }}", env.Get("SLACK_WEBHOOK_URL"));
        Assert.Equal("${{ vars.SNS_TOPIC_ARN }}", env.Get("SNS_TOPIC_ARN"));
        Assert.NotNull(env.Get("ROLLOUT_STATE_FILE"));
        Assert.NotNull(env.Get("SMOKE_URL"));
        Assert.Contains(steps, s => (s.Get("run") as string ?? "").Contains("deploy/scripts/notify.sh failed", StringComparison.Ordinal) && (s.Get("if") as string ?? "").Contains("failure()", StringComparison.Ordinal));

        var manual = Workflow("rollback.yml");
        Assert.Contains("deploy/scripts/rollback.sh", Runs(manual), StringComparison.Ordinal);
        Assert.Equal(["dev", "qa", "stage", "prod"], List(Map(Map(Map(Map(manual.Get("on")).Get("workflow_dispatch")).Get("inputs")).Get("environment")).Get("options")).Cast<string>());
    }

    [Fact]
    public void Codebuild_runs_the_same_rollout_script_as_github_actions()
    {
        var deploy = Load(Repo.PathOf("deploy", "aws", "buildspec-deploy.yml"));
        var commands = List(Map(Map(Map(deploy.Get("phases")).Get("build"))).Get("commands")).Cast<string>().ToList();
        Assert.Contains(commands, c => c.StartsWith("deploy/scripts/rollout.sh \"$ENVIRONMENT\"", StringComparison.Ordinal));
        var build = Load(Repo.PathOf("deploy", "aws", "buildspec.yml"));
        var all = string.Join('\n', Map(build.Get("phases")).Values.SelectMany(p => List(Map(p).Get("commands"))).Cast<string>());
        Assert.Contains("scripts/test.sh", all, StringComparison.Ordinal);
        Assert.Contains("image --exit-code 1", all, StringComparison.Ordinal);
        // The pipeline module points CodeBuild at these two files.
        var pipeline = Repo.Read("deploy", "terraform", "modules", "aws-pipeline", "main.tf");
        Assert.Contains("deploy/aws/buildspec.yml", pipeline, StringComparison.Ordinal);
        Assert.Contains("deploy/aws/buildspec-deploy.yml", pipeline, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_script_a_pipeline_calls_exists_and_is_executable()
    {
        var texts = Directory.EnumerateFiles(Folder, "*.yml").Concat(Directory.EnumerateFiles(Repo.PathOf("deploy", "aws"), "*.yml")).Select(File.ReadAllText);
        var scripts = texts.SelectMany(t => ScriptReference().Matches(t).Select(m => m.Value)).Distinct().ToList();
        Assert.Contains("deploy/scripts/rollout.sh", scripts);
        foreach (var script in scripts)
        {
            var path = Repo.PathOf(script);
            Assert.True(File.Exists(path), $"{script} does not exist");
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{script} is not executable");
        }
    }

    [GeneratedRegex(@"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"(?:deploy/)?scripts/[\w-]+\.sh")]
    private static partial Regex ScriptReference();
}
