namespace CloudMart.Platform.Http;

/// <summary>
/// What the shop accepts in free text: valid, visible text. Text that merely looks like markup or SQL is data like
/// any other ("Time to select gifts for friends", "Note:-----", "<b>bold</b> claims"): it is stored verbatim and is
/// harmless because every query takes it as a parameter and every page, e-mail and export encodes it on the way out
/// (ADR 6). Refused are only what no honest text contains: control characters (newline, carriage return and tab
/// where the field is multi-line), unpaired UTF-16 surrogates, the replacement and byte-order marks, and the
/// invisible or direction-reversing characters that make text read differently from what it is.
/// </summary>
internal static class TextRules
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
        return null;
    }
}
