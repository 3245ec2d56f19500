using System.Globalization;

namespace CloudMart.Modules.Feedback.Training;

/// <summary>
/// The baseline to beat: VADER (Hutto and Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
/// Social Media Text", ICWSM 2014), written here from the rules the paper publishes and run over its lexicon, which is
/// read from a file at evaluation time only (<c>../shared/data/sentiment/vader_lexicon.txt</c>, MIT) and never shipped.
/// It is a yardstick for <c>cloudmart sentiment evaluate</c> and the tests; the shop never uses it to score text.
/// Rules: lexicon valence; a word in capitals among lower-case text +0.733; a booster within three words before
/// ±0.293 (damped 5 % per word of distance); a negation within three words before ×−0.74; words before "but" ×0.5 and
/// after it ×1.5; up to four "!" +0.292 each and repeated "?" up to +0.96, both in the direction of the sum; the sum
/// normalised as x/√(x²+15); positive from 0.05, negative from −0.05.
/// </summary>
internal sealed class VaderBaseline
{
    private const double CapitalsIncrement = 0.733;
    private const double BoosterIncrement = 0.293;
    private const double NegationScalar = -0.74;
    private const double Alpha = 15;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without",
        "hardly", "rarely", "seldom", "despite", "aint", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent",
        "wont", "wouldnt", "couldnt", "shouldnt", "hasnt", "havent", "hadnt", "cant", "mightnt", "mustnt", "neednt",
    };

    private static readonly Dictionary<string, double> Boosters = new(StringComparer.Ordinal)
    {
        ["absolutely"] = 1, ["amazingly"] = 1, ["awfully"] = 1, ["completely"] = 1, ["considerably"] = 1, ["decidedly"] = 1,
        ["deeply"] = 1, ["enormously"] = 1, ["entirely"] = 1, ["especially"] = 1, ["exceptionally"] = 1, ["extremely"] = 1,
        ["fabulously"] = 1, ["fully"] = 1, ["greatly"] = 1, ["highly"] = 1, ["hugely"] = 1, ["incredibly"] = 1,
        ["intensely"] = 1, ["majorly"] = 1, ["more"] = 1, ["most"] = 1, ["particularly"] = 1, ["purely"] = 1, ["quite"] = 1,
        ["really"] = 1, ["remarkably"] = 1, ["so"] = 1, ["substantially"] = 1, ["thoroughly"] = 1, ["totally"] = 1,
        ["tremendously"] = 1, ["unbelievably"] = 1, ["unusually"] = 1, ["utterly"] = 1, ["very"] = 1,
        ["almost"] = -1, ["barely"] = -1, ["hardly"] = -1, ["kinda"] = -1, ["less"] = -1, ["little"] = -1, ["marginally"] = -1,
        ["occasionally"] = -1, ["partly"] = -1, ["scarcely"] = -1, ["slightly"] = -1, ["somewhat"] = -1, ["sorta"] = -1,
    };

    private readonly Dictionary<string, double> _lexicon;

    private VaderBaseline(Dictionary<string, double> lexicon) => _lexicon = lexicon;

    /// <summary>Reads the lexicon: one entry a line, the token and its mean valence separated by a tab.</summary>
    public static VaderBaseline Load(string lexiconPath)
    {
        var lexicon = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(lexiconPath))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                lexicon[parts[0]] = valence;
            }
        }
        if (lexicon.Count == 0)
        {
            throw new LabelledFileException($"{lexiconPath} is not a VADER lexicon (token<TAB>valence lines).");
        }
        return new VaderBaseline(lexicon);
    }

    /// <summary>The compound score in [−1, 1].</summary>
    public double Compound(string text)
    {
        var raw = text.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var words = raw.Select(Clean).Where(w => w.Length > 0).ToList();
        var lower = words.Select(w => w.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal)).ToList();
        var anyUpper = words.Any(IsCapitals);
        var mixedCase = anyUpper && !words.All(IsCapitals);
        var butAt = lower.IndexOf("but");
        var valences = new double[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (Boosters.ContainsKey(lower[i]) || (lower[i] == "kind" && i + 1 < words.Count && lower[i + 1] == "of"))
            {
                continue;
            }
            if (!_lexicon.TryGetValue(lower[i], out var valence) && !_lexicon.TryGetValue(words[i].ToLowerInvariant(), out valence))
            {
                continue;
            }
            if (mixedCase && IsCapitals(words[i]))
            {
                valence += Math.Sign(valence) * CapitalsIncrement;
            }
            for (var back = 1; back <= 3 && i - back >= 0; back++)
            {
                if (Boosters.TryGetValue(lower[i - back], out var direction) && valence != 0)
                {
                    var scalar = direction * BoosterIncrement * Math.Sign(valence);
                    if (mixedCase && IsCapitals(words[i - back]))
                    {
                        scalar += direction * CapitalsIncrement * Math.Sign(valence);
                    }
                    valence += scalar * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                }
            }
            for (var back = 1; back <= 3 && i - back >= 0; back++)
            {
                var previous = lower[i - back];
                if (Negations.Contains(previous) || words[i - back].Contains("n't", StringComparison.OrdinalIgnoreCase))
                {
                    valence *= NegationScalar;
                    break;
                }
            }
            if (i > 0 && lower[i - 1] == "least" && (i < 2 || lower[i - 2] is not ("at" or "very")))
            {
                valence *= NegationScalar;
            }
            valences[i] = valence;
        }
        if (butAt >= 0)
        {
            for (var i = 0; i < valences.Length; i++)
            {
                valences[i] *= i < butAt ? 0.5 : i > butAt ? 1.5 : 1;
            }
        }
        var sum = valences.Sum();
        if (sum != 0)
        {
            var exclamations = Math.Min(4, text.Count(c => c == '!'));
            var questions = text.Count(c => c == '?');
            var emphasis = (exclamations * 0.292) + (questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0);
            sum += Math.Sign(sum) * emphasis;
        }
        return Math.Clamp(sum / Math.Sqrt((sum * sum) + Alpha), -1, 1);
    }

    private static string Clean(string token)
    {
        // Punctuation around a word is not part of it, but an emoticon is all punctuation and stays whole.
        var trimmed = token.Trim('.', ',', '!', '?', ';', ':', '"', '(', ')', '[', ']', '\'', '*', '-');
        return trimmed.Length <= 1 && token.Length >= 2 ? token : trimmed;
    }

    private static bool IsCapitals(string word) => word.Count(char.IsLetter) >= 2 && word.Where(char.IsLetter).All(char.IsUpper);
}
