using System.Collections.Concurrent;
using CloudMart.DeployTests.Infrastructure;
using k8s;
using k8s.Models;

namespace CloudMart.DeployTests.Kubernetes;

/// <summary>One overlay rendered by `kubectl kustomize` and loaded as typed Kubernetes objects.</summary>
internal sealed class RenderedOverlay
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Cache = new();

    private RenderedOverlay(string environment, string yaml, IReadOnlyList<object> objects, IReadOnlyList<Dictionary<object, object>> custom)
    {
        Environment = environment;
        Yaml = yaml;
        Objects = objects;
        Custom = custom;
    }

    public string Environment { get; }

    public string Namespace => $"cloudmart-{Environment}";

    public string File => $"deploy/k8s/overlays/{Environment}";

    public string Yaml { get; }

    /// <summary>Built-in kinds, typed (V1Deployment, V1Job, …).</summary>
    public IReadOnlyList<object> Objects { get; }

    /// <summary>Custom resources (ExternalSecret), as YAML maps.</summary>
    public IReadOnlyList<Dictionary<object, object>> Custom { get; }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>(string name) where T : IMetadata<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name) ?? throw new Xunit.Sdk.XunitException($"{File}: no {typeof(T).Name} {name}");

    public static Task<RenderedOverlay> LoadAsync(string environment) =>
        Cache.GetOrAdd(environment, e => new Lazy<Task<RenderedOverlay>>(() => RenderAsync(e))).Value;

    /// <summary>Renders any kustomization folder (used by the rollout script's tests too).</summary>
    public static async Task<string> RenderFolderAsync(string folder)
    {
        var result = await Tools.RunAsync("kubectl", ["kustomize", folder], timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {folder} failed: {result.Describe()}");
        return result.Output;
    }

    private static async Task<RenderedOverlay> RenderAsync(string environment)
    {
        var yaml = await RenderFolderAsync(Repo.PathOf("deploy", "k8s", "overlays", environment));
        var builtIn = new List<string>();
        var custom = new List<Dictionary<object, object>>();
        var deserializer = new YamlDotNet.Serialization.DeserializerBuilder().Build();
        foreach (var document in yaml.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var map = deserializer.Deserialize<Dictionary<object, object>>(document);
            if (map is null) continue;
            var apiVersion = (string)map["apiVersion"];
            if (apiVersion.Contains(".k8s.io", StringComparison.Ordinal) || !apiVersion.Contains('.', StringComparison.Ordinal)) builtIn.Add(document);
            else custom.Add(map);
        }
        var objects = KubernetesYaml.LoadAllFromString(string.Join("\n---\n", builtIn));
        return new RenderedOverlay(environment, yaml, objects, custom);
    }
}
