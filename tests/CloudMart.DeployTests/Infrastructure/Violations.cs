namespace CloudMart.DeployTests.Infrastructure;

/// <summary>Collects rule violations — each names the file, the object and the rule — and fails once with all of them.</summary>
internal sealed class Violations
{
    private readonly List<string> _found = [];

    public void Check(bool holds, string file, string subject, string rule)
    {
        if (!holds) _found.Add($"{file}: {subject}: {rule}");
    }

    public void Add(string file, string subject, string rule) => _found.Add($"{file}: {subject}: {rule}");

    public IReadOnlyList<string> Found => _found;

    public void AssertNone()
    {
        Assert.True(_found.Count == 0, $"{_found.Count} rule violation(s):\n" + string.Join('\n', _found));
    }
}
