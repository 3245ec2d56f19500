using System.Text;

namespace CloudMart.Modules.Catalog;

internal static class Slugs
{
    // The app runs with invariant globalization, where Unicode decomposition is not available: fold the common
    // Latin letters by hand so "Crème Brûlée" becomes "creme-brulee" rather than losing its letters.
    private static readonly Dictionary<char, string> Folded = new()
    {
        ['à'] = "a", ['á'] = "a", ['â'] = "a", ['ã'] = "a", ['ä'] = "a", ['å'] = "a", ['æ'] = "ae", ['ç'] = "c",
        ['è'] = "e", ['é'] = "e", ['ê'] = "e", ['ë'] = "e", ['ì'] = "i", ['í'] = "i", ['î'] = "i", ['ï'] = "i",
        ['ñ'] = "n", ['ò'] = "o", ['ó'] = "o", ['ô'] = "o", ['õ'] = "o", ['ö'] = "o", ['ø'] = "o", ['œ'] = "oe",
        ['ù'] = "u", ['ú'] = "u", ['û'] = "u", ['ü'] = "u", ['ý'] = "y", ['ÿ'] = "y", ['ß'] = "ss", ['ł'] = "l",
    };

    /// <summary>"Enamelled Cast-Iron Casserole, 4.5 L" → "enamelled-cast-iron-casserole-4-5-l".</summary>
    public static string From(string text, int maxLength = 100)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (Folded.TryGetValue(c, out var letters))
            {
                slug.Append(letters);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length <= maxLength ? result : result[..maxLength].TrimEnd('-');
    }
}
