using System.Text.RegularExpressions;

namespace CloudMart.Modules.Assistant.Offline;

/// <summary>Details the offline assistant reads from a message besides its intent: yes or no, quantities, which product.</summary>
internal static partial class MessageDetails
{
    public static bool IsYes(string text) => Yes().IsMatch(text) && !IsNo(text);

    public static bool IsNo(string text) => No().IsMatch(text);

    /// <summary>"looking for…", "do you have…", "show me…": the customer asks for products.</summary>
    public static bool AsksForProducts(string text) =>
        ProductCue().IsMatch(text) && ProductTerms(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => !SupportWords.Contains(w));

    /// <summary>Words of the shop's service rather than of its products: "I need a refund" asks for no product.</summary>
    private static readonly HashSet<string> SupportWords = new(StringComparer.Ordinal)
    {
        "refund", "refunds", "reimbursement", "money", "back", "invoice", "invoices", "bill", "bills", "receipt", "account", "password", "pin",
        "delivery", "shipping", "address", "newsletter", "person", "human", "agent", "help", "assistance", "support", "complaint", "review",
        "feedback", "payment", "card", "fee", "fees", "cancellation", "status", "tracking", "parcel", "package", "return", "exchange", "profile",
    };

    /// <summary>"add 3 mugs", "two of those": the quantity asked for, 1 when none is said.</summary>
    public static int Quantity(string text)
    {
        var digits = Digits().Match(text);
        if (digits.Success && int.TryParse(digits.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        foreach (var word in Words(text))
        {
            var index = Array.IndexOf(NumberWords, word);
            if (index > 0)
            {
                return index;
            }
        }
        return 1;
    }

    /// <summary>"the second one", "the last one": a 0-based position among the products shown, or −1 for the last, or null.</summary>
    public static int? Ordinal(string text)
    {
        foreach (var word in Words(text))
        {
            var index = Array.IndexOf(OrdinalWords, word);
            if (index >= 0)
            {
                return index;
            }
            if (word == "last")
            {
                return -1;
            }
        }
        return null;
    }

    /// <summary>The words that name a product: the message without the words of asking, numbers and order numbers.</summary>
    public static string ProductTerms(string text)
    {
        var kept = Words(Intents.OrderNumbers.Find(text) is null ? text : Intents.OrderNumbers.Strip(text))
            .Where(w => !StopWords.Contains(w) && !w.All(char.IsDigit) && Array.IndexOf(NumberWords, w) < 0 && Array.IndexOf(OrdinalWords, w) < 0)
            .ToList();
        return string.Join(' ', kept);
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ';', ':', '"', '(', ')', '/', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\'', '-'))
            .Where(w => w.Length > 0);

    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static readonly string[] OrdinalWords = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    /// <summary>The message points back at something already said: "it", "that one", "this order".</summary>
    public static bool RefersBack(string text) => ReferenceBack().IsMatch(text);

    [GeneratedRegex(@"\b(it|that|this|that one|this one|the order|that order|this order|same order)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceBack();

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "i", "i'd", "i'm", "id", "im", "me", "my", "mine", "we", "our", "you", "your", "yours", "u", "ur", "it", "its", "this", "that",
        "these", "those", "them", "they", "one", "ones", "some", "any", "anything", "something", "of", "to", "in", "into", "on", "for", "from", "with",
        "and", "or", "but", "also", "too", "more", "please", "pls", "plz", "can", "could", "would", "will", "should", "may", "might", "do", "does",
        "did", "is", "am", "are", "was", "were", "been", "be", "have", "has", "had", "got", "get", "there", "here", "what", "which", "who", "how", "where", "when", "why",
        "want", "wanna", "need", "like", "love", "looking", "look", "find", "search", "searching", "show", "see", "tell", "about", "sell", "selling",
        "stock", "buy", "purchase", "order", "add", "put", "place", "cart", "basket", "shopping", "trolley", "bag", "recommend", "recommendation",
        "recommendations", "suggest", "suggestion", "suggestions", "similar", "else", "ideas", "idea", "product", "products", "item", "items",
        "thing", "things", "shop", "store", "hi", "hello", "hey", "thanks", "thank", "yes", "yeah", "ok", "okay", "sure", "just", "all", "new",
        "good", "nice", "best", "great", "top", "rated", "popular", "right", "now", "details", "detail", "info", "information", "again", "another",
        "let", "lets", "let's", "take", "ill", "i'll", "offer", "available", "carry", "anybody", "someone", "other", "options", "option", "x", "pieces", "piece",
    };

    [GeneratedRegex(@"^\s*(y|yes|yeah|yep|yup|sure|ok|okay|confirm(ed)?|please do|do it|go ahead|correct|right|absolutely|of course|affirmative)\b|\b(yes|confirm|go ahead|do it|please cancel|cancel it)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Yes();

    [GeneratedRegex(@"^\s*(n|no|nope|nah|never ?mind|stop|wait)\b|\b(don'?t|do not|keep it|not now|changed my mind|leave it)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex No();

    [GeneratedRegex(@"\b(looking for|look for|searching for|search for|do you (have|sell|stock|carry)|have you got|got any|show me|find me|i need an?|i want an?|i'?d like an?|i want to buy|i'?d like to buy|any \w+s\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProductCue();

    [GeneratedRegex(@"\b(\d{1,3})\b(?!\s*(?:%|\$))", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
