using System.Globalization;

namespace CloudMart.Web.Admin;

/// <summary>How the back-office writes money, times and the modules' validation messages.</summary>
internal static class AdminFormat
{
    // The app runs in globalization-invariant mode; the invariant culture writes 1,234.50 and English month names.
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Day(DateOnly day) => day.ToString("MMM d", Culture);

    /// <summary>
    /// The modules write messages for API clients ("price must be…", "categorySlug is required."); on a form the
    /// field's label reads better. Only a leading field name is replaced.
    /// </summary>
    public static string ForForm(string message, string field, string label)
    {
        var bare = field.Contains('.', StringComparison.Ordinal) ? field[..field.IndexOf('.', StringComparison.Ordinal)] : field;
        return message.StartsWith(bare, StringComparison.Ordinal) ? label + message[bare.Length..] : message;
    }

    /// <summary>Field errors of a validation problem, keyed by the module's field name (attribute keys folded together).</summary>
    public static Dictionary<string, List<string>> Errors(Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem, IReadOnlyDictionary<string, string> labels)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, messages) in problem.ProblemDetails.Errors)
        {
            var field = key.StartsWith("attributes", StringComparison.Ordinal) ? "attributes" : key;
            var label = labels.TryGetValue(field, out var l) ? l : field;
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.AddRange(messages.Select(m => ForForm(m, key, label)));
        }
        return errors;
    }
}
