using System.Text.RegularExpressions;

namespace CloudMart.Modules.Assistant.Intents;

/// <summary>The shop's order numbers (CM-000123) as customers type them: "cm-123", "CM 000123", "#123", "order 123".</summary>
internal static partial class OrderNumbers
{
    /// <summary>The canonical form of a number a customer typed, or null when it is not one of ours.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }
        var match = Exact().Match(text.Trim());
        return match.Success ? Canonical(match.Groups["digits"].Value) : null;
    }

    /// <summary>The first order number mentioned in a message, if any.</summary>
    public static string? Find(string message)
    {
        var match = InText().Match(message);
        return match.Success ? Canonical(match.Groups["digits"].Value) : null;
    }

    /// <summary>The message with every order-number mention blanked out.</summary>
    public static string Strip(string message) => InText().Replace(message, " ");

    /// <summary>True when the message holds a long run of digits that is not one of our numbers (another shop's, a phone number…).</summary>
    public static bool HasForeignNumber(string message) => Foreign().IsMatch(message) && Find(message) is null;

    private static string? Canonical(string digits) =>
        long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? $"CM-{n:D6}"
            : null;

    [GeneratedRegex(@"^(?:cm\s*-?\s*|#\s*)?(?<digits>\d{1,9})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Exact();

    [GeneratedRegex(@"(?:\bcm\s*-?\s*|#\s*|\border\s+(?:number\s+|no\.?\s*)?|\bpurchase\s+)(?<digits>\d{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InText();

    [GeneratedRegex(@"\d{5,}", RegexOptions.CultureInvariant)]
    private static partial Regex Foreign();
}
