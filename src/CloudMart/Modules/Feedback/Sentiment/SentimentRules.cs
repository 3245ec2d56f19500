using System.Globalization;
using System.Text;

namespace CloudMart.Modules.Feedback.Sentiment;

/// <summary>
/// The rules that shape how much each word of a sentence counts, written for CloudMart: a negation shortly before a
/// word flips and damps it ("not good"), an intensifier strengthens it ("really good") and a softener weakens it
/// ("a bit slow"), a word in capitals among lower-case words is stressed, and after a contrast ("…, but …") the second
/// clause outweighs the first. The rules say nothing about which words are good or bad: a word's polarity comes from
/// the trained model's lexicon (<see cref="SentimentModel"/>), learnt through these same rules.
/// </summary>
internal static class SentimentRules
{
    public const double NegationFactor = -0.75;
    public const double IntensifierBoost = 0.3;
    public const double SoftenerCut = 0.3;
    public const double CapitalsBoost = 0.25;
    public const double BeforeContrast = 0.5;
    public const double AfterContrast = 1.5;
    public const int NegationReach = 3;

    /// <summary>The number of values <see cref="Features"/> returns.</summary>
    public const int FeatureCount = 11;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "cannot", "cant",
        "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "couldnt", "shouldnt",
        "hasnt", "havent", "hadnt", "aint", "hardly", "barely", "scarcely", "lacks", "lacking", "lack",
    };

    private static readonly HashSet<string> Intensifiers = new(StringComparer.Ordinal)
    {
        "very", "really", "so", "too", "extremely", "incredibly", "totally", "absolutely", "completely", "utterly",
        "highly", "super", "truly", "most", "especially", "exceptionally", "remarkably", "seriously", "insanely",
        "particularly", "thoroughly", "genuinely", "amazingly", "awfully", "terribly", "hugely", "deeply", "entirely",
    };

    private static readonly HashSet<string> Softeners = new(StringComparer.Ordinal)
    {
        "slightly", "somewhat", "fairly", "rather", "bit", "little", "mildly", "moderately", "partly", "kinda",
        "sorta", "marginally", "occasionally", "almost", "nearly",
    };

    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal) { "but", "however", "nevertheless", "nonetheless", "except" };

    private static readonly string[] HappyFaces = [":)", ":-)", ":d", ":-d", ";)", ";-)", "<3", ":]", "=)"];
    private static readonly string[] SadFaces = [":(", ":-(", ":/", ":-/", ":'(", ":[", "=("];

    /// <summary>A word of the sentence and how much it counts after the rules (1 = as it stands).</summary>
    internal readonly record struct WeightedWord(string Word, double Weight);

    /// <summary>The sentence's sentiment-bearing words (modifier words removed) with the weight the rules give each.</summary>
    public static List<WeightedWord> Weigh(string sentence)
    {
        var tokens = Tokenize(sentence);
        var lettersUpper = 0;
        var lettersLower = 0;
        foreach (var c in sentence)
        {
            if (char.IsUpper(c))
            {
                lettersUpper++;
            }
            else if (char.IsLower(c))
            {
                lettersLower++;
            }
        }
        // Capitals only stress a word when the rest of the text is not shouted too.
        var mostlyLower = lettersLower > lettersUpper;
        var contrastAt = tokens.FindLastIndex(t => Contrasts.Contains(t.Word));
        var words = new List<WeightedWord>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsPunctuation || IsModifier(token.Word))
            {
                continue;
            }
            var weight = 1.0;
            for (var back = 1; back <= 2 && i - back >= 0; back++)
            {
                var previous = tokens[i - back];
                if (previous.IsPunctuation)
                {
                    break;
                }
                var reach = back == 1 ? 1.0 : 0.8;
                if (Intensifiers.Contains(previous.Word))
                {
                    weight *= 1 + (IntensifierBoost * reach);
                }
                else if (Softeners.Contains(previous.Word))
                {
                    weight *= 1 - (SoftenerCut * reach);
                }
            }
            for (var back = 1; back <= NegationReach && i - back >= 0; back++)
            {
                var previous = tokens[i - back];
                if (previous.IsPunctuation || Contrasts.Contains(previous.Word))
                {
                    break;
                }
                if (Negations.Contains(previous.Word))
                {
                    weight *= NegationFactor;
                    break;
                }
            }
            if (mostlyLower && token.IsCapitals)
            {
                weight *= 1 + CapitalsBoost;
            }
            if (contrastAt >= 0)
            {
                weight *= i < contrastAt ? BeforeContrast : AfterContrast;
            }
            words.Add(new WeightedWord(token.Word, weight));
        }
        return words;
    }

    /// <summary>
    /// The rule features of one sentence given a word lexicon: the rule score (the weighted polarity sum squashed into
    /// (−1, 1)), its positive and negative parts, the score of the clause after a contrast, negations, intensifiers,
    /// contrast, exclamation and question marks, the share of shouted words and emoticons.
    /// </summary>
    public static double[] Features(string sentence, IReadOnlyDictionary<string, double> lexicon)
    {
        var weighted = Weigh(sentence);
        var tokens = Tokenize(sentence);
        var contrastAt = tokens.FindLastIndex(t => Contrasts.Contains(t.Word));
        double sum = 0, positive = 0, negative = 0;
        foreach (var (word, weight) in weighted)
        {
            if (lexicon.TryGetValue(word, out var polarity))
            {
                var value = polarity * weight;
                sum += value;
                if (value > 0)
                {
                    positive += value;
                }
                else
                {
                    negative += value;
                }
            }
        }
        var exclamations = Math.Min(3, sentence.Count(c => c == '!'));
        // Exclamation marks stress whatever the sentence already says.
        sum += Math.Sign(sum) * 0.25 * exclamations;
        double afterContrast = 0;
        if (contrastAt >= 0)
        {
            var clause = string.Join(' ', tokens.Skip(contrastAt + 1).Select(t => t.Word));
            afterContrast = Squash(Weigh(clause).Sum(w => lexicon.GetValueOrDefault(w.Word) * w.Weight));
        }
        var wordTokens = tokens.Where(t => !t.IsPunctuation).ToList();
        var lower = sentence.ToLowerInvariant();
        var faces = HappyFaces.Count(f => lower.Contains(f, StringComparison.Ordinal)) - SadFaces.Count(f => lower.Contains(f, StringComparison.Ordinal));
        return
        [
            Squash(sum),
            Squash(positive),
            Squash(negative),
            afterContrast,
            wordTokens.Count(t => Negations.Contains(t.Word)),
            wordTokens.Count(t => Intensifiers.Contains(t.Word)),
            contrastAt >= 0 ? 1 : 0,
            exclamations,
            sentence.Contains('?', StringComparison.Ordinal) ? 1 : 0,
            wordTokens.Count == 0 ? 0 : (double)wordTokens.Count(t => t.IsCapitals) / wordTokens.Count,
            Math.Clamp(faces, -2, 2),
        ];
    }

    /// <summary>Maps a sum of polarities onto (−1, 1), near-linear for small sums.</summary>
    public static double Squash(double sum) => sum / Math.Sqrt((sum * sum) + 4);

    public static bool IsModifier(string word) =>
        Negations.Contains(word) || Intensifiers.Contains(word) || Softeners.Contains(word) || Contrasts.Contains(word);

    internal readonly record struct Token(string Word, bool IsCapitals, bool IsPunctuation);

    /// <summary>Lower-cased words (apostrophes dropped, so "don't" is "dont") and the punctuation that ends a clause.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var word = new StringBuilder();
        var upper = 0;
        var letters = 0;
        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(new Token(word.ToString().ToLower(CultureInfo.InvariantCulture), letters >= 2 && upper == letters, false));
                word.Clear();
            }
            upper = 0;
            letters = 0;
        }
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                if (char.IsLetter(c))
                {
                    letters++;
                    if (char.IsUpper(c))
                    {
                        upper++;
                    }
                }
            }
            else if (c is '\'' or '’' && word.Length > 0)
            {
                // "don't" → "dont", "it's" → "its": one token, as people often type them anyway.
            }
            else
            {
                Flush();
                if (c is ',' or ';' or ':' or '.' or '!' or '?')
                {
                    tokens.Add(new Token(c.ToString(), false, true));
                }
            }
        }
        Flush();
        return tokens;
    }
}
