using System.Diagnostics.CodeAnalysis;

namespace CloudMart.Platform.Http;

/// <summary>
/// Collects field errors for one request, so a client learns everything wrong with its input at once
/// (<c>errors: { field: [messages] }</c> in a 400 problem).
/// </summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public bool Check([DoesNotReturnIf(false)] bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
        return condition;
    }

    /// <summary>Required plain text: present, within length, made of valid, visible characters (TextRules).</summary>
    public string Text(string? value, string field, int maxLength, int minLength = 1, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (minLength > 0)
            {
                Add(field, $"{field} is required.");
            }
            return "";
        }
        var trimmed = value.Trim();
        if (trimmed.Length < minLength || trimmed.Length > maxLength)
        {
            Add(field, $"{field} must be between {minLength} and {maxLength} characters.");
        }
        if (TextRules.Problem(trimmed, multiline) is { } problem)
        {
            Add(field, $"{field} {problem}.");
        }
        return trimmed;
    }

    /// <summary>Optional plain text: null when absent, otherwise checked like <see cref="Text"/>.</summary>
    public string? OptionalText(string? value, string field, int maxLength, bool multiline = false) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, maxLength, 1, multiline);

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() =>
        TypedResults.ValidationProblem(Errors, title: "The request is not valid.", type: ProblemTypes.Validation);
}
