namespace CloudMart.Modules.Feedback.Sentiment;

/// <summary>Splits text into sentences at ., ! and ? (runs of them) or line breaks, keeping each sentence's offset.</summary>
internal static class SentenceSplitter
{
    private static readonly System.Buffers.SearchValues<char> NotWords = System.Buffers.SearchValues.Create(" .!?\"')\t");

    internal readonly record struct Span(int Offset, int Length);

    public static List<Span> Split(string text)
    {
        var spans = new List<Span>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var end = -1;
            if (c is '\n' or '\r')
            {
                end = i;
                i++;
            }
            else if (c is '.' or '!' or '?')
            {
                while (i < text.Length && text[i] is '.' or '!' or '?' or '"' or '\'' or ')')
                {
                    i++;
                }
                // "3.5 stars" or "e.g." mid-word is not a sentence end: a sentence ends before a space, a capital or the end.
                if (i >= text.Length || char.IsWhiteSpace(text[i]) || char.IsUpper(text[i]))
                {
                    end = i;
                }
            }
            else
            {
                i++;
            }
            if (end >= 0)
            {
                Add(text, start, end, spans);
                start = end;
            }
        }
        Add(text, start, text.Length, spans);
        return spans;
    }

    private static void Add(string text, int start, int end, List<Span> spans)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        // A sentence needs a letter or digit: "!!!" alone belongs to no sentence of its own.
        if (end > start && text.AsSpan(start, end - start).IndexOfAnyExcept(NotWords) >= 0)
        {
            spans.Add(new Span(start, end - start));
        }
    }
}
