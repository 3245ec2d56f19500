using System.Text.RegularExpressions;

namespace CloudMart.Platform.Http;

/// <summary>
/// What the shop accepts in free text. Everything is stored and rendered safely anyway (EF parameters, Razor
/// encoding); refusing markup, script and SQL fragments up front keeps them out of e-mails, CSV exports and logs,
/// and tells a client plainly that such input is not data.
/// </summary>
internal static partial class TextRules
{
    /// <returns>null when the text is acceptable, otherwise what is wrong with it (completing "field …").</returns>
    public static string? Problem(string text, bool multiline = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return "must not contain control characters";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c is '\uFFFD' or '\uFEFF' or '\u200B' or '\u202E' or '\u202D')
            {
                return "must be valid, visible text";
            }
        }
        if (Markup().IsMatch(text))
        {
            return "must not contain markup or script";
        }
        if (Sql().IsMatch(text))
        {
            return "must not contain SQL";
        }
        return null;
    }

    [GeneratedRegex(@"<\s*[a-z/!?]|javascript\s*:|\bon[a-z]+\s*=|&#|&[a-z]+;", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Markup();

    [GeneratedRegex(
        @"\b(union\s+(all\s+)?select|select\s+.+\s+from|insert\s+into|delete\s+from|drop\s+(table|database)|update\s+\w+\s+set|alter\s+table|truncate\s+table|exec(ute)?\s*\(|sleep\s*\(|pg_sleep|waitfor\s+delay)\b|--|/\*|\*/|;\s*$|'\s*(or|and)\s+'?\d|'\s*(or|and)\s+'[^']*'\s*=",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Sql();
}
