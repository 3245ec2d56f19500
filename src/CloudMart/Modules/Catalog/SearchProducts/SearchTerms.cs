using System.Text;

namespace CloudMart.Modules.Catalog.SearchProducts;

/// <summary>
/// The words of a query as the keyword index sees them: lower-case runs of letters and digits (so "T-1000" is "t" and
/// "1000", as the index tokenises it). Everything else is a separator, which also keeps query syntax out of
/// FTS5 MATCH and to_tsquery.
/// </summary>
internal static class SearchTerms
{
    public const int MaxTerms = 8;

    public static IReadOnlyList<string> Of(string query)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                Flush();
            }
        }
        Flush();
        return terms;

        void Flush()
        {
            if (word.Length > 0 && terms.Count < MaxTerms && !terms.Contains(word.ToString()))
            {
                terms.Add(word.ToString());
            }
            word.Clear();
        }
    }
}
