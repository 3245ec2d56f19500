using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudMart.Tests.BadInput;

/// <summary>
/// Builds the bad bodies every write route must refuse, from one valid body: malformed JSON, wrong types, missing
/// fields, out-of-range numbers and hostile text in each string field. Each case is (what is wrong, the body).
/// </summary>
internal static partial class BadBodies
{
    public const string Script = "<script>alert(1)</script>";
    public const string Sql = "x'; DROP TABLE catalog_products; --";

    /// <summary>Text no free-text field accepts, by name: not valid, visible text, or too long for any field.</summary>
    public static readonly IReadOnlyDictionary<string, string> HostileText = new Dictionary<string, string>
    {
        ["control character"] = "Ada\u0001Shopper",
        ["overlong"] = new string('a', 5000),
        ["bidi override"] = "Ada\u202EShopper",
        ["null character"] = "Ada\u0000Shopper",
    };

    /// <summary>
    /// Honest text that looks like markup or SQL. Free-text fields store it verbatim and pages show it escaped
    /// (ADR 6); fields with a format of their own (SKU, slug, e-mail, URL) refuse it for that format.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CodeLikeText = new Dictionary<string, string>
    {
        ["script"] = Script,
        ["SQL"] = Sql,
        ["select … from in a sentence"] = "Time to select gifts for friends and family. From cuddly puppies to mugs",
        ["dashes"] = "Note:----- hand wash only",
        ["an HTML entity"] = "Fish &amp; Chips <b>plate</b>",
        ["quotes and a semicolon"] = "Ann's \"best\" mug; 1' OR '1'='1",
    };

    /// <summary>Bodies that are not JSON, or not the JSON object the route reads.</summary>
    public static IEnumerable<(string Case, string Body)> Malformed() =>
    [
        ("truncated JSON", "{\"a\":"),
        ("not JSON at all", "quantity=1"),
        ("single quotes", "{'quantity': 1}"),
        ("trailing comma", "{\"quantity\": 1,}"),
        ("comment", "{\"quantity\": 1 /* two */}"),
        ("an array instead of an object", "[]"),
        ("a string instead of an object", "\"hello\""),
        ("a number instead of an object", "42"),
        ("null instead of an object", "null"),
        ("an empty body", ""),
        ("nested too deep", new string('[', 200) + new string(']', 200)),
    ];

    /// <summary>Every string field of <paramref name="valid"/> set to each hostile text.</summary>
    public static IEnumerable<(string Case, string Body)> HostileStrings(string valid, params string[] fields) =>
        fields.SelectMany(field => HostileText
            .Select(hostile => ($"{field}: {hostile.Key}", With(valid, field, JsonValue.Create(hostile.Value))))
            .Append(($"{field}: lone surrogate", WithRaw(valid, field, "\"Ada\\uD800Shopper\""))));

    /// <summary>Every string field of <paramref name="valid"/> set to each code-like text.</summary>
    public static IEnumerable<(string Case, string Body)> CodeLikeStrings(string valid, params string[] fields) =>
        fields.SelectMany(field => CodeLikeText.Select(text => ($"{field}: {text.Key}", With(valid, field, JsonValue.Create(text.Value)))));

    /// <summary>Each field set to values of the wrong JSON type.</summary>
    public static IEnumerable<(string Case, string Body)> WrongTypes(string valid, IEnumerable<string> numberFields, IEnumerable<string> stringFields) =>
        numberFields.SelectMany(field => new (string, string)[]
        {
            ($"{field}: a word", With(valid, field, JsonValue.Create("abc"))),
            ($"{field}: true", With(valid, field, JsonValue.Create(true))),
            ($"{field}: an object", With(valid, field, new JsonObject())),
            ($"{field}: an array", With(valid, field, new JsonArray(1))),
        }).Concat(stringFields.SelectMany(field => new (string, string)[]
        {
            ($"{field}: a number", With(valid, field, JsonValue.Create(123))),
            ($"{field}: an object", With(valid, field, new JsonObject { ["text"] = "x" })),
        }));

    /// <summary>Integer fields set to numbers no integer field accepts.</summary>
    public static IEnumerable<(string Case, string Body)> UnreadableIntegers(string valid, params string[] fields) =>
        from field in fields
        from number in new[] { "2147483648", "-2147483649", "1e30", "1.5", "99999999999999999999999999999999" }
        select ($"{field}: {number}", WithRaw(valid, field, number));

    public static IEnumerable<(string Case, string Body)> Missing(string valid, params string[] fields) =>
        fields.Select(field => ($"{field}: missing", Without(valid, field)));

    public static IEnumerable<(string Case, string Body)> Values(string valid, string field, params object?[] values) =>
        values.Select(value => ($"{field}: {value ?? "null"}", With(valid, field, value is null ? null : JsonValue.Create(value))));

    public static TheoryData<string, string> ToTheoryData(this IEnumerable<(string Case, string Body)> cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, body) in cases)
        {
            data.Add(name, body);
        }
        return data;
    }

    /// <summary>Sets the value at a path such as <c>shippingAddress.city</c> or <c>items[0].quantity</c>.</summary>
    public static string With(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, key, index) = Locate(root, path);
        if (index is { } i)
        {
            parent.AsArray()[i] = value;
        }
        else
        {
            parent.AsObject()[key] = value;
        }
        return root.ToJsonString();
    }

    /// <summary>Sets the value at a path to raw JSON text (numbers System.Text.Json cannot represent).</summary>
    public static string WithRaw(string json, string path, string rawValue)
    {
        const string marker = "\"__raw_value__\"";
        return With(json, path, JsonValue.Create("__raw_value__")).Replace(marker, rawValue, StringComparison.Ordinal);
    }

    public static string Without(string json, string path)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, key, _) = Locate(root, path);
        parent.AsObject().Remove(key);
        return root.ToJsonString();
    }

    private static (JsonNode Parent, string Key, int? Index) Locate(JsonNode root, string path)
    {
        var segments = path.Split('.');
        var node = root;
        for (var s = 0; s < segments.Length; s++)
        {
            var match = Segment().Match(segments[s]);
            var key = match.Groups["key"].Value;
            int? index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value) : null;
            var last = s == segments.Length - 1;
            if (last && index is null)
            {
                return (node, key, null);
            }
            node = node[key]!;
            if (last)
            {
                return (node, key, index);
            }
            if (index is { } i)
            {
                node = node[i]!;
            }
        }
        throw new ArgumentException($"Bad path {path}", nameof(path));
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9_]+)(\[(?<index>\d+)\])?$")]
    private static partial Regex Segment();
}

internal static class Refusals
{
    /// <summary>Asserts a 4xx problem with the status, naming the bad-input case when it is not.</summary>
    public static async Task<JsonElement> RefusedAsync(this HttpResponseMessage response, HttpStatusCode status, string badInput)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{badInput}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return await response.Problem(status);
    }

    /// <summary>A body just over the 256 KiB limit, in an otherwise readable JSON object.</summary>
    public static string Oversized(string validJson, string stringField) =>
        BadBodies.With(validJson, stringField, System.Text.Json.Nodes.JsonValue.Create(new string('a', 300 * 1024)));
}
