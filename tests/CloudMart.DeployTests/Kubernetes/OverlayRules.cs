using CloudMart.DeployTests.Infrastructure;
using k8s.Models;

namespace CloudMart.DeployTests.Kubernetes;

/// <summary>
/// Every overlay renders (kubectl kustomize), loads as typed Kubernetes objects and keeps the platform's rules:
/// its own namespace under the "restricted" pod security standard; web, worker and the migration Job hardened
/// (non-root, read-only root file system, no capabilities, RuntimeDefault seccomp, requests and limits); probes on
/// /health/live and /health/ready; images pinned, never `latest`; one IAM role per service account; secrets only
/// referenced; only the ALB reaches in; and in stage and prod, autoscaling, disruption budgets, network isolation
/// and at least two web replicas. Each violation names the overlay, the object and the rule.
/// </summary>
public sealed class OverlayRules
{
    public static TheoryData<string> Environments => new() { "dev", "qa", "stage", "prod" };

    private static readonly string[] ProductionLike = ["stage", "prod"];

    [TheoryRequiring("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Every_object_lives_in_the_environments_own_namespace_under_the_restricted_standard(string environment)
    {
        var overlay = await RenderedOverlay.LoadAsync(environment);
        var violations = new Violations();
        var ns = Assert.Single(overlay.All<V1Namespace>());
        violations.Check(ns.Metadata.Name == overlay.Namespace, overlay.File, $"Namespace {ns.Metadata.Name}", $"is named {overlay.Namespace}");
        violations.Check(ns.Metadata.Labels?.Get("pod-security.kubernetes.io/enforce") == "restricted", overlay.File, $"Namespace {ns.Metadata.Name}", "enforces the restricted pod security standard");
        foreach (var o in overlay.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace))
        {
            violations.Check(o.Metadata.NamespaceProperty == overlay.Namespace, overlay.File, Describe(o), $"is in namespace {overlay.Namespace}");
            violations.Check(o.Metadata.Labels?.Get("env") == environment && o.Metadata.Labels?.Get("app.kubernetes.io/name") == "cloudmart",
                overlay.File, Describe(o), "carries the app and env labels");
        }
        foreach (var custom in overlay.Custom)
        {
            var metadata = (Dictionary<object, object>)custom["metadata"];
            violations.Check(metadata.Get("namespace") as string == overlay.Namespace, overlay.File, $"{custom["kind"]} {metadata["name"]}", $"is in namespace {overlay.Namespace}");
        }
        violations.AssertNone();
    }

    [TheoryRequiring("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Web_worker_and_the_migration_job_run_hardened_with_requests_and_limits(string environment)
    {
        var overlay = await RenderedOverlay.LoadAsync(environment);
        var violations = new Violations();
        var pods = new List<(string Owner, V1PodSpec Spec)>
        {
            ("Deployment cloudmart-web", overlay.Single<V1Deployment>("cloudmart-web").Spec.Template.Spec),
            ("Deployment cloudmart-worker", overlay.Single<V1Deployment>("cloudmart-worker").Spec.Template.Spec),
            ("Job cloudmart-migrate", overlay.Single<V1Job>("cloudmart-migrate").Spec.Template.Spec),
        };
        Assert.Equal(3, overlay.All<V1Deployment>().Count() + overlay.All<V1Job>().Count());
        foreach (var (owner, spec) in pods)
        {
            var pod = spec.SecurityContext;
            violations.Check(pod?.RunAsNonRoot == true && pod.RunAsUser is > 0, overlay.File, owner, "pod runs as a non-root uid");
            violations.Check(pod?.SeccompProfile?.Type == "RuntimeDefault", overlay.File, owner, "seccomp profile RuntimeDefault");
            violations.Check(spec.AutomountServiceAccountToken == false, overlay.File, owner, "does not mount a Kubernetes API token");
            violations.Check(spec.HostNetwork != true && spec.HostPID != true, overlay.File, owner, "no host namespaces");
            foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
            {
                var subject = $"{owner} container {container.Name}";
                var sc = container.SecurityContext;
                violations.Check(sc?.ReadOnlyRootFilesystem == true, overlay.File, subject, "readOnlyRootFilesystem: true");
                violations.Check(sc?.AllowPrivilegeEscalation == false, overlay.File, subject, "allowPrivilegeEscalation: false");
                violations.Check(sc?.Privileged != true, overlay.File, subject, "not privileged");
                violations.Check(sc?.Capabilities?.Drop?.Contains("ALL") == true && (sc.Capabilities.Add?.Count ?? 0) == 0, overlay.File, subject, "drops ALL capabilities and adds none");
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    violations.Check(container.Resources?.Requests?.ContainsKey(resource) == true, overlay.File, subject, $"requests {resource}");
                    violations.Check(container.Resources?.Limits?.ContainsKey(resource) == true, overlay.File, subject, $"limits {resource}");
                }
                violations.Check(ImageIsPinned(container.Image), overlay.File, subject, $"image {container.Image} is pinned by digest or an immutable tag, never latest");
                violations.Check(container.VolumeMounts?.Any(m => m.MountPath == "/tmp") == true, overlay.File, subject, "has a writable /tmp volume");
            }
        }
        violations.AssertNone();
    }

    [TheoryRequiring("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Each_role_runs_its_own_command_with_probes_on_the_health_endpoints(string environment)
    {
        var overlay = await RenderedOverlay.LoadAsync(environment);
        var violations = new Violations();
        foreach (var role in new[] { "web", "worker" })
        {
            var deployment = overlay.Single<V1Deployment>($"cloudmart-{role}");
            var subject = $"Deployment {deployment.Metadata.Name}";
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            violations.Check(container.Args.SequenceEqual(["serve", "--role", role]), overlay.File, subject, $"runs `serve --role {role}`");
            violations.Check(container.LivenessProbe?.HttpGet?.Path == "/health/live", overlay.File, subject, "liveness probe on /health/live");
            violations.Check(container.ReadinessProbe?.HttpGet?.Path == "/health/ready", overlay.File, subject, "readiness probe on /health/ready");
            violations.Check(container.StartupProbe?.HttpGet?.Path == "/health/live", overlay.File, subject, "startup probe on /health/live");
            violations.Check(container.Ports?.Any(p => p.ContainerPort == 8080) == true, overlay.File, subject, "serves on 8080");
            violations.Check(deployment.Spec.Template.Spec.ServiceAccountName == $"cloudmart-{role}", overlay.File, subject, $"runs as service account cloudmart-{role}");
            violations.Check(deployment.Spec.Template.Spec.TopologySpreadConstraints?.Any(t => t.TopologyKey == "topology.kubernetes.io/zone") == true, overlay.File, subject, "spreads over zones");
            violations.Check(deployment.Spec.Strategy?.RollingUpdate?.MaxUnavailable?.Value == "0", overlay.File, subject, "rolls without taking a ready pod away first");
            violations.Check(container.EnvFrom.Any(e => e.ConfigMapRef?.Name == "cloudmart-config") && container.EnvFrom.Any(e => e.SecretRef?.Name == "cloudmart-secrets"),
                overlay.File, subject, "reads the shared config and secrets");
        }

        var job = overlay.Single<V1Job>("cloudmart-migrate");
        var migrate = Assert.Single(job.Spec.Template.Spec.Containers);
        violations.Check(migrate.Args.SequenceEqual(["migrate"]), overlay.File, "Job cloudmart-migrate", "runs `migrate`");
        violations.Check(job.Spec.Template.Spec.RestartPolicy == "Never" && job.Spec.BackoffLimit is > 0, overlay.File, "Job cloudmart-migrate", "retries a few times, never forever");
        var images = overlay.All<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers).Append(migrate).Select(c => c.Image).Distinct().ToList();
        violations.Check(images.Count == 1, overlay.File, "Deployments and Job", "all run the one image: " + string.Join(", ", images));

        var config = overlay.Single<V1ConfigMap>("cloudmart-config");
        violations.Check(config.Data.Get("CloudMart__Database__MigrateOnStart") == "false", overlay.File, "ConfigMap cloudmart-config", "the servers do not migrate on start (the Job does)");
        violations.Check(config.Data.Get("CloudMart__Database__Provider") == "Postgres", overlay.File, "ConfigMap cloudmart-config", "uses PostgreSQL");
        violations.Check(config.Data.Get("CloudMart__DataDirectory") == "/var/lib/cloudmart", overlay.File, "ConfigMap cloudmart-config", "data directory on the mounted volume");
        violations.AssertNone();
    }

    [TheoryRequiring("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Each_service_account_has_its_own_iam_role_and_secrets_are_only_referenced(string environment)
    {
        var overlay = await RenderedOverlay.LoadAsync(environment);
        var violations = new Violations();
        foreach (var role in new[] { "web", "worker", "migrate" })
        {
            var account = overlay.Single<V1ServiceAccount>($"cloudmart-{role}");
            var arn = account.Metadata.Annotations?.Get("eks.amazonaws.com/role-arn") ?? "";
            violations.Check(System.Text.RegularExpressions.Regex.IsMatch(arn, $@"^arn:aws:iam::\d{{12}}:role/cloudmart-{environment}-{role}$"),
                overlay.File, $"ServiceAccount {account.Metadata.Name}", $"IRSA role arn:aws:iam::<account>:role/cloudmart-{environment}-{role} (found '{arn}')");
        }

        violations.Check(!overlay.All<V1Secret>().Any(), overlay.File, "Secret", "no Secret objects are committed; External Secrets creates them");
        var external = overlay.Custom.SingleOrDefault(c => (string)c["kind"] == "ExternalSecret");
        violations.Check(external is not null, overlay.File, "ExternalSecret cloudmart-secrets", "exists");
        if (external is not null)
        {
            var spec = (Dictionary<object, object>)external["spec"];
            var keys = ((List<object>)spec["data"]).Cast<Dictionary<object, object>>()
                .Select(d => (string)((Dictionary<object, object>)d["remoteRef"])["key"]).ToList();
            violations.Check(keys.All(k => k.StartsWith($"cloudmart/{environment}/", StringComparison.Ordinal)), overlay.File, "ExternalSecret cloudmart-secrets",
                $"reads this environment's secrets only (cloudmart/{environment}/…): {string.Join(", ", keys)}");
        }
        violations.Check(!overlay.Yaml.Contains("ENV", StringComparison.Ordinal), overlay.File, "every object", "no placeholder ENV is left");
        violations.AssertNone();
    }

    [TheoryRequiring("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Only_the_load_balancer_is_public(string environment)
    {
        var overlay = await RenderedOverlay.LoadAsync(environment);
        var violations = new Violations();
        foreach (var service in overlay.All<V1Service>())
        {
            violations.Check(service.Spec.Type is null or "ClusterIP", overlay.File, $"Service {service.Metadata.Name}", "is ClusterIP (no NodePort or LoadBalancer)");
        }
        var ingress = Assert.Single(overlay.All<V1Ingress>());
        var annotations = ingress.Metadata.Annotations;
        var subject = $"Ingress {ingress.Metadata.Name}";
        violations.Check(ingress.Spec.IngressClassName == "alb", overlay.File, subject, "uses the AWS Load Balancer Controller (class alb)");
        violations.Check(annotations.Get("alb.ingress.kubernetes.io/scheme") == "internet-facing", overlay.File, subject, "is the internet-facing ALB");
        violations.Check(annotations.Get("alb.ingress.kubernetes.io/target-type") == "ip", overlay.File, subject, "targets pods directly");
        violations.Check(annotations.Get("alb.ingress.kubernetes.io/ssl-redirect") == "443", overlay.File, subject, "redirects HTTP to HTTPS");
        violations.Check(annotations.Get("alb.ingress.kubernetes.io/certificate-arn", "")!.StartsWith("arn:aws:acm:", StringComparison.Ordinal), overlay.File, subject, "has an ACM certificate");
        violations.Check(annotations.Get("alb.ingress.kubernetes.io/healthcheck-path") == "/health/ready", overlay.File, subject, "health-checks /health/ready");
        violations.Check(annotations.Get("alb.ingress.kubernetes.io/tags", "")!.Contains($"env={environment}", StringComparison.Ordinal), overlay.File, subject, "tags the ALB with app, env and owner");
        var host = Assert.Single(ingress.Spec.Rules).Host;
        violations.Check(host.Contains('.', StringComparison.Ordinal) && !host.Contains("set-by-overlay", StringComparison.Ordinal), overlay.File, subject, "has this environment's host");
        violations.AssertNone();
    }

    [TheoryRequiring("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task Stage_and_prod_scale_keep_two_web_replicas_through_disruptions_and_isolate_the_pods(string environment)
    {
        var overlay = await RenderedOverlay.LoadAsync(environment);
        var productionLike = ProductionLike.Contains(environment);
        var web = overlay.Single<V1Deployment>("cloudmart-web");
        if (!productionLike)
        {
            // dev and qa stay small and open inside the cluster.
            Assert.Empty(overlay.All<V1HorizontalPodAutoscaler>());
            Assert.Empty(overlay.All<V1NetworkPolicy>());
            return;
        }

        var violations = new Violations();
        violations.Check(web.Spec.Replicas >= 2, overlay.File, "Deployment cloudmart-web", $"at least 2 replicas (found {web.Spec.Replicas})");
        var hpa = overlay.Single<V2HorizontalPodAutoscaler>("cloudmart-web");
        violations.Check(hpa.Spec.ScaleTargetRef.Name == "cloudmart-web" && hpa.Spec.MinReplicas >= 2 && hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas,
            overlay.File, "HorizontalPodAutoscaler cloudmart-web", "scales the web Deployment from at least 2");
        violations.Check(hpa.Spec.MinReplicas <= web.Spec.Replicas, overlay.File, "HorizontalPodAutoscaler cloudmart-web", "does not start above the Deployment's replicas");
        foreach (var role in new[] { "web", "worker" })
        {
            var pdb = overlay.Single<V1PodDisruptionBudget>($"cloudmart-{role}");
            violations.Check(pdb.Spec.MinAvailable?.Value is not null && int.Parse(pdb.Spec.MinAvailable.Value) >= 1, overlay.File, $"PodDisruptionBudget {pdb.Metadata.Name}", "keeps at least one pod");
            violations.Check(pdb.Spec.Selector.MatchLabels.Get("app.kubernetes.io/component") == role, overlay.File, $"PodDisruptionBudget {pdb.Metadata.Name}", $"selects the {role} pods");
        }

        var policies = overlay.All<V1NetworkPolicy>().ToList();
        var denyAll = policies.SingleOrDefault(p => p.Spec.PodSelector.MatchLabels is null && p.Spec.PodSelector.MatchExpressions is null);
        violations.Check(denyAll is not null && denyAll.Spec.PolicyTypes.Contains("Ingress") && (denyAll.Spec.Ingress?.Count ?? 0) == 0,
            overlay.File, "NetworkPolicy default-deny-ingress", "denies every ingress not allowed elsewhere");
        var webPolicies = policies.Where(p => p.Spec.PodSelector.MatchLabels?.Get("app.kubernetes.io/component") == "web").ToList();
        var sources = webPolicies.SelectMany(p => p.Spec.Ingress ?? []).SelectMany(r => r.FromProperty ?? []).ToList();
        violations.Check(sources.Count > 0 && sources.All(s => s.IpBlock is not null || s.NamespaceSelector?.MatchLabels?.Get("kubernetes.io/metadata.name") == "monitoring"),
            overlay.File, "NetworkPolicy for web", "admits only the load balancer's subnets and monitoring");
        violations.Check(sources.Where(s => s.IpBlock is not null).All(s => s.IpBlock.Cidr != "0.0.0.0/0"), overlay.File, "NetworkPolicy for web", "no 0.0.0.0/0");
        var webPorts = webPolicies.SelectMany(p => p.Spec.Ingress ?? []).SelectMany(r => r.Ports ?? []).Select(p => p.Port.Value).Distinct().ToList();
        violations.Check(webPorts.SequenceEqual(["8080"]), overlay.File, "NetworkPolicy for web", "only port 8080");
        var workerRules = policies.Where(p => p.Spec.PodSelector.MatchLabels?.Get("app.kubernetes.io/component") == "worker").SelectMany(p => p.Spec.Ingress ?? []).ToList();
        violations.Check(workerRules.Count == 0, overlay.File, "NetworkPolicy for worker", "nothing may reach the worker");
        violations.AssertNone();
    }

    [TheoryRequiring("kubectl")]
    [MemberData(nameof(Environments))]
    public async Task The_web_network_policy_admits_exactly_the_load_balancer_subnets_terraform_creates(string environment)
    {
        if (!ProductionLike.Contains(environment)) return;
        var overlay = await RenderedOverlay.LoadAsync(environment);
        var main = Hcl.ParseFile(Repo.PathOf("deploy", "terraform", "environments", environment, "aws", "main.tf"));
        var platform = main.Single(b => b.Type == "module" && b.Name == "platform");
        var vpc = Hcl.StringValue(platform.Attribute("vpc_cidr"))!;
        // aws-network puts the public subnets (the ALB's) in cidrsubnet(vpc, 4, 0): the VPC's first /20.
        var expected = vpc.Split('/')[0] + "/20";
        var blocks = overlay.All<V1NetworkPolicy>().SelectMany(p => p.Spec.Ingress ?? []).SelectMany(r => r.FromProperty ?? [])
            .Where(f => f.IpBlock is not null).Select(f => f.IpBlock.Cidr).Distinct().ToList();
        Assert.Equal([expected], blocks);
        Assert.Contains("cidrsubnet(var.cidr, 6, i)", Repo.Read("deploy", "terraform", "modules", "aws-network", "main.tf"), StringComparison.Ordinal);
    }

    internal static bool ImageIsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal)) return true;
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon > 0 && lastSegment[(colon + 1)..] is { Length: > 0 } tag && tag != "latest";
    }

    private static string Describe(IMetadata<V1ObjectMeta> o) => $"{o.GetType().Name.TrimStart('V', '1', '2')} {o.Metadata.Name}";
}
