using System.Text.RegularExpressions;
using CloudMart.DeployTests.Infrastructure;

namespace CloudMart.DeployTests.Container;

/// <summary>
/// The image's rules, read from the Dockerfile (no container runtime can build it here; CI does): multi-stage from
/// the SDK to the ASP.NET runtime, pinned base images, a non-root numeric user, port 8080, OCI labels, a health check,
/// writable paths as volumes, and a build context that leaves out build output, local data and secrets.
/// </summary>
public sealed partial class DockerfileRules
{
    private static readonly IReadOnlyList<DockerInstruction> Instructions = Dockerfile.Parse(Repo.Read("Dockerfile"));

    private static List<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).ToList();

    private static IEnumerable<DockerInstruction> FinalStage() =>
        Instructions.SkipWhile((_, index) => index < Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM"));

    [Fact]
    public void It_builds_with_the_sdk_and_runs_on_the_aspnet_runtime_in_separate_stages()
    {
        var froms = All("FROM").Select(f => Dockerfile.ExpandGlobalArgs(f.Arguments, Instructions)).ToList();
        Assert.True(froms.Count >= 2, "a multi-stage build has at least two FROM lines");
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:\S+ AS build$", froms[0]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:\S+ AS \w+$", froms[^1]);
        Assert.Contains(FinalStage(), i => i.Keyword == "COPY" && i.Arguments.Contains("--from=build", StringComparison.Ordinal));
        Assert.DoesNotContain(FinalStage(), i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_base_image_is_pinned_by_a_version_tag_or_digest_never_latest()
    {
        foreach (var from in All("FROM"))
        {
            var image = Dockerfile.ExpandGlobalArgs(from.Arguments, Instructions).Split(' ')[0];
            Assert.True(image.Contains('@', StringComparison.Ordinal) || TagPattern().IsMatch(image), $"line {from.Line}: {image} has no version tag or digest");
            Assert.DoesNotContain(":latest", image, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_app_runs_as_a_numeric_non_root_user()
    {
        var user = FinalStage().LastOrDefault(i => i.Keyword == "USER");
        Assert.NotNull(user);
        var uid = user.Arguments.Split(':')[0];
        Assert.True(int.TryParse(uid, out var id) && id > 0, $"USER {user.Arguments}: Kubernetes' runAsNonRoot needs a numeric uid other than 0");
        // Nothing after USER switches back to root.
        var afterUser = FinalStage().SkipWhile(i => i != user).Skip(1);
        Assert.DoesNotContain(afterUser, i => i.Keyword == "USER");
        // The uid the Kubernetes manifests run as is this one.
        Assert.Contains($"runAsUser: {id}", Repo.Read("deploy", "k8s", "base", "web.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void It_listens_on_8080_and_declares_it()
    {
        Assert.Contains(FinalStage(), i => i.Keyword == "EXPOSE" && i.Arguments.Split(' ').Contains("8080"));
        Assert.Contains(FinalStage(), i => i.Keyword == "ENV" && i.Arguments.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
    }

    [Fact]
    public void It_carries_the_oci_labels()
    {
        var labels = string.Join(' ', FinalStage().Where(i => i.Keyword == "LABEL").Select(i => i.Arguments));
        foreach (var key in new[] { "title", "description", "source", "version", "revision", "created" })
        {
            Assert.Contains($"org.opencontainers.image.{key}=", labels, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void It_checks_its_health_on_the_liveness_endpoint()
    {
        var check = Assert.Single(All("HEALTHCHECK"));
        Assert.Contains("/health/live", check.Arguments, StringComparison.Ordinal);
        Assert.Contains("8080", check.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Writable_paths_are_volumes_so_the_root_file_system_can_be_read_only()
    {
        var env = string.Join(' ', FinalStage().Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("CloudMart__DataDirectory=/var/lib/cloudmart", env, StringComparison.Ordinal);
        var volume = Assert.Single(FinalStage(), i => i.Keyword == "VOLUME");
        Assert.Contains("/var/lib/cloudmart", volume.Arguments, StringComparison.Ordinal);
        Assert.Contains("/tmp", volume.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void One_image_serves_every_role_through_its_entrypoint()
    {
        var entrypoint = Assert.Single(FinalStage(), i => i.Keyword == "ENTRYPOINT");
        Assert.Equal("""["dotnet", "CloudMart.dll"]""", entrypoint.Arguments);
        var cmd = Assert.Single(FinalStage(), i => i.Keyword == "CMD");
        Assert.Equal("""["serve", "--role", "all"]""", cmd.Arguments);
    }

    [Fact]
    public void Everything_it_copies_from_the_context_exists_and_the_publish_matches_the_test()
    {
        foreach (var copy in All("COPY").Where(c => !c.Arguments.Contains("--from", StringComparison.Ordinal)))
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in parts[..^1])
            {
                Assert.True(File.Exists(Repo.PathOf(source)) || Directory.Exists(Repo.PathOf(source)), $"line {copy.Line}: COPY {source} does not exist in the repository");
            }
        }
        var publish = Assert.Single(All("RUN"), r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/CloudMart/CloudMart.csproj -c Release", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains(PublishedApp.PublishArguments[^1], publish.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_local_data_and_secrets()
    {
        var ignored = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        foreach (var pattern in new[] { "**/bin/", "**/obj/", "**/data/", "**/*.db", ".git/", "**/.env", "**/*.tfstate" })
        {
            Assert.Contains(pattern, ignored);
        }
        // …but not what the build needs.
        Assert.DoesNotContain("src/", ignored);
        Assert.DoesNotContain("global.json", ignored);
    }

    [GeneratedRegex(@":\d+(\.\d+)*(-[a-z0-9.-]+)?$")]
    private static partial Regex TagPattern();
}
