namespace CloudMart.DeployTests.Infrastructure;

internal static class DictionaryExtensions
{
    /// <summary>A label or annotation (the Kubernetes models use IDictionary), or the fallback when absent.</summary>
    public static string? Get(this IDictionary<string, string>? map, string key, string? fallback = null) =>
        map is not null && map.TryGetValue(key, out var value) ? value : fallback;

    /// <summary>A value of a YAML map read without a schema.</summary>
    public static object? Get(this IDictionary<object, object>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
