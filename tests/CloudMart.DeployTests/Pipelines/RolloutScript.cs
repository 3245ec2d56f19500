using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Pipelines;

/// <summary>
/// deploy/scripts/rollout.sh — the one deploy path of GitHub Actions and CodeBuild — run against a fake kubectl
/// (real `kubectl kustomize`, scripted cluster answers) and a fake shop and Slack: it migrates before it rolls,
/// pins the image and the account, and when the rollout or the smoke test fails it runs `kubectl rollout undo` for
/// web and worker and notifies; a failed migration changes nothing.
/// </summary>
public sealed class RolloutScript : IDisposable
{
    private const string Digest = "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cloudmart-prod/shop@" + Digest;

    private readonly TempDirectory _work = Repo.TempDirectory("rollout");
    private readonly FakeShop _shop = new();

    private string Log => Path.Combine(_work.Path, "kubectl.log");

    private string StateFile => Path.Combine(_work.Path, "rollout-state");

    private IEnumerable<string> KubectlCalls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    private Task<ToolResult> RunAsync(string script, params string[] arguments) => RunAsync(script, arguments[0], arguments.ElementAtOrDefault(1), "123456789012");

    private async Task<ToolResult> RunAsync(string script, string first, string? second, string? accountId)
    {
        string[] arguments = second is null ? [first] : [first, second];
        var fake = Path.Combine(_work.Path, "kubectl");
        File.WriteAllText(fake, """
            #!/usr/bin/env bash
            # A cluster that answers as the test's marker files say.
            echo "$*" >> "$FAKE_DIR/kubectl.log"
            if [ "$1" = kustomize ]; then exec "$REAL_KUBECTL" "$@"; fi
            case "$*" in
              *"rollout status"*) if [ -f "$FAKE_DIR/rollout-fails" ] && [ ! -f "$FAKE_DIR/undone" ]; then echo "deadline exceeded" >&2; exit 1; fi ;;
              *"rollout undo"*) touch "$FAKE_DIR/undone" ;;
              *"wait --for=condition=complete"*) if [ -f "$FAKE_DIR/migration-fails" ]; then exit 1; fi ;;
              *"get deployment/cloudmart-web"*) echo "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cloudmart-prod/shop@sha256:previous" ;;
              *"apply -f"*)
                file=$(echo "$*" | sed -E 's/.*apply -f ([^ ]+).*/\1/')
                n=$(ls "$FAKE_DIR" | grep -c '^applied-' || true)
                cp "$file" "$FAKE_DIR/applied-$n.yaml" ;;
            esac
            exit 0
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var environment = new Dictionary<string, string?>
        {
            ["KUBECTL"] = fake,
            ["REAL_KUBECTL"] = Tools.Require("kubectl"),
            ["FAKE_DIR"] = _work.Path,
            ["AWS_ACCOUNT_ID"] = accountId,
            ["SMOKE_URL"] = _shop.Url,
            ["SMOKE_ATTEMPTS"] = "2",
            ["SMOKE_DELAY"] = "0",
            ["ROLLOUT_TIMEOUT"] = "5s",
            ["SLACK_WEBHOOK_URL"] = _shop.SlackUrl,
            ["SNS_TOPIC_ARN"] = null,
            ["GITHUB_STEP_SUMMARY"] = null,
            ["ROLLOUT_STATE_FILE"] = StateFile,
        };
        return await Tools.RunAsync(Repo.PathOf("deploy", "scripts", script), arguments, Repo.Root, environment, TimeSpan.FromMinutes(2));
    }

    private void Given(string marker) => File.WriteAllText(Path.Combine(_work.Path, marker), "");

    private List<string> Undos() => KubectlCalls.Where(c => c.Contains("rollout undo", StringComparison.Ordinal)).ToList();

    [FactRequiring("kubectl", "curl", "jq", "bash")]
    public async Task A_healthy_release_migrates_first_then_rolls_passes_the_smoke_test_and_is_announced()
    {
        var result = await RunAsync("rollout.sh", "prod", Image);

        Assert.True(result.ExitCode == 0, result.Describe());
        var calls = KubectlCalls.Where(c => !c.StartsWith("kustomize", StringComparison.Ordinal)).ToList();
        int Index(string part) => calls.FindIndex(c => c.Contains(part, StringComparison.Ordinal));
        Assert.True(Index("delete job/cloudmart-migrate") < Index("app.kubernetes.io/component notin (web,worker)"));
        Assert.True(Index("notin (web,worker)") < Index("wait --for=condition=complete job/cloudmart-migrate"));
        Assert.True(Index("wait --for=condition=complete") < calls.FindLastIndex(c => c.StartsWith("apply -f", StringComparison.Ordinal)));
        Assert.Contains(calls, c => c == "-n cloudmart-prod rollout status deployment/cloudmart-web --timeout=5s");
        Assert.Contains(calls, c => c == "-n cloudmart-prod rollout status deployment/cloudmart-worker --timeout=5s");
        Assert.Empty(Undos());

        // What was applied: this image by digest, this account's roles, nothing left as a placeholder.
        var applied = File.ReadAllText(Path.Combine(_work.Path, "applied-1.yaml"));
        Assert.Equal(3, applied.Split($"image: {Image}").Length - 1);
        Assert.Contains("arn:aws:iam::123456789012:role/cloudmart-prod-web", applied, StringComparison.Ordinal);
        Assert.DoesNotContain("000000000000", applied, StringComparison.Ordinal);
        Assert.DoesNotContain(":0.1.0", applied, StringComparison.Ordinal);

        Assert.Collection(_shop.SlackMessages,
            m => Assert.Contains("started: prod:", m, StringComparison.Ordinal),
            m => Assert.Contains($"succeeded: prod now runs {Image}", m, StringComparison.Ordinal));
        Assert.Equal("succeeded", File.ReadAllText(StateFile).Trim());
    }

    [FactRequiring("kubectl", "curl", "jq", "bash")]
    public async Task A_rollout_that_does_not_become_ready_is_undone_for_web_and_worker_and_announced()
    {
        Given("rollout-fails");

        var result = await RunAsync("rollout.sh", "stage", Image);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["-n cloudmart-stage rollout undo deployment/cloudmart-web", "-n cloudmart-stage rollout undo deployment/cloudmart-worker"], Undos());
        var messages = _shop.SlackMessages;
        Assert.Contains(messages, m => m.Contains("failed: stage:", StringComparison.Ordinal) && m.Contains("rolling back", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("rolled-back: stage is back on", StringComparison.Ordinal));
        Assert.Equal("rolled-back", File.ReadAllText(StateFile).Trim());
    }

    [FactRequiring("kubectl", "curl", "jq", "bash")]
    public async Task A_release_that_fails_the_smoke_test_is_undone()
    {
        _shop.ReadyStatus = 503;

        var result = await RunAsync("rollout.sh", "qa", Image);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("GET /health/ready -> 503", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, Undos().Count);
        Assert.Contains(_shop.SlackMessages, m => m.Contains("rolled-back: qa", StringComparison.Ordinal));
    }

    [FactRequiring("kubectl", "curl", "jq", "bash")]
    public async Task A_failed_migration_leaves_web_and_worker_untouched()
    {
        Given("migration-fails");

        var result = await RunAsync("rollout.sh", "dev", Image);

        Assert.Equal(1, result.ExitCode);
        var applies = KubectlCalls.Where(c => c.StartsWith("apply -f", StringComparison.Ordinal)).ToList();
        Assert.Single(applies);
        Assert.Contains("notin (web,worker)", applies[0], StringComparison.Ordinal);
        Assert.DoesNotContain(KubectlCalls, c => c.Contains("rollout", StringComparison.Ordinal));
        Assert.Contains(_shop.SlackMessages, m => m.Contains("failed: dev: the migration Job did not complete", StringComparison.Ordinal));
    }

    [FactRequiring("kubectl", "bash")]
    public async Task Mutable_or_missing_tags_and_unknown_environments_are_refused_before_touching_the_cluster()
    {
        Assert.Equal(2, (await RunAsync("rollout.sh", "prod", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cloudmart:latest")).ExitCode);
        Assert.Equal(2, (await RunAsync("rollout.sh", "prod", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cloudmart")).ExitCode);
        Assert.Equal(2, (await RunAsync("rollout.sh", "production", Image)).ExitCode);
        Assert.DoesNotContain(KubectlCalls, c => !c.StartsWith("kustomize", StringComparison.Ordinal));
        // Without the account id the roles would name the placeholder account: refused after rendering.
        var withoutAccount = await RunAsync("rollout.sh", "prod", Image, accountId: null);
        Assert.Equal(2, withoutAccount.ExitCode);
        Assert.Contains("set AWS_ACCOUNT_ID", withoutAccount.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(KubectlCalls, c => !c.StartsWith("kustomize", StringComparison.Ordinal));
        Assert.Empty(_shop.SlackMessages);
    }

    [FactRequiring("kubectl", "curl", "bash")]
    public async Task The_clean_up_after_a_cancelled_pipeline_rolls_back_only_a_rollout_that_was_left_half_way()
    {
        File.WriteAllText(StateFile, "succeeded\n");
        Assert.Equal(0, (await RunAsync("rollback.sh", "prod")).ExitCode);
        Assert.Empty(Undos());

        File.WriteAllText(StateFile, "applied\n");
        Assert.Equal(0, (await RunAsync("rollback.sh", "prod")).ExitCode);
        Assert.Equal(2, Undos().Count);
        Assert.Contains(_shop.SlackMessages, m => m.Contains("rolled-back: prod", StringComparison.Ordinal));
    }

    [FactRequiring("shellcheck")]
    public async Task The_deploy_scripts_pass_shellcheck()
    {
        var scripts = Directory.EnumerateFiles(Repo.PathOf("deploy", "scripts"), "*.sh").Order().ToList();
        Assert.Contains(scripts, s => s.EndsWith("rollout.sh", StringComparison.Ordinal));
        var result = await Tools.RunAsync("shellcheck", scripts);
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    public void Dispose()
    {
        _shop.Dispose();
        _work.Dispose();
    }
}
