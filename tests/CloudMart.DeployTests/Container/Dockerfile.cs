using System.Text.RegularExpressions;

namespace CloudMart.DeployTests.Container;

/// <summary>The Dockerfile's instructions, continuation lines joined, comments dropped.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line);

internal static partial class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var start = i;
            var joined = line;
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                i++;
                var next = lines[i].TrimEnd('\r');
                if (next.TrimStart().StartsWith('#')) continue;
                joined = joined[..^1] + " " + next.Trim();
            }
            var match = InstructionPattern().Match(joined.Trim());
            if (match.Success) instructions.Add(new DockerInstruction(match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value.Trim(), start + 1));
        }
        return instructions;
    }

    /// <summary>Expands ${NAME} and $NAME from the ARG defaults declared before the first FROM.</summary>
    public static string ExpandGlobalArgs(string value, IReadOnlyList<DockerInstruction> instructions)
    {
        var args = new Dictionary<string, string>();
        foreach (var instruction in instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG"))
        {
            var parts = instruction.Arguments.Split('=', 2);
            if (parts.Length == 2) args[parts[0].Trim()] = parts[1].Trim();
        }
        return VariablePattern().Replace(value, m => args.TryGetValue(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, out var v) ? v : m.Value);
    }

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$", RegexOptions.Singleline)]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"\$\{(\w+)\}|\$(\w+)")]
    private static partial Regex VariablePattern();
}
