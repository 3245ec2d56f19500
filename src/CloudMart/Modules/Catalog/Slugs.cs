using System.Text;

namespace CloudMart.Modules.Catalog;

internal static class Slugs
{
    /// <summary>"Enamelled Cast-Iron Casserole, 4.5 L" → "enamelled-cast-iron-casserole-4-5-l".</summary>
    public static string From(string text, int maxLength = 100)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length <= maxLength ? result : result[..maxLength].TrimEnd('-');
    }
}
