namespace CloudMart.Tests.Web.Crawling;

/// <summary>One way of filling in a form: what a person might send, sensible or not.</summary>
public sealed record Submission(string Name, List<KeyValuePair<string, FormValue>> Values, FormSubmitter? Pressed, string Action, bool ErrorExpected = false);

/// <summary>
/// Fills a form the way people do: sensibly (every empty field given a plausible value, every required box ticked),
/// and not (everything empty, far too long, the wrong type, ids that do not exist, no antiforgery token).
/// </summary>
public static class FormInputs
{
    private static int _counter;

    /// <summary>A real 1×1 PNG, for file fields.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static IEnumerable<Submission> For(HtmlForm form)
    {
        var buttons = form.Submitters.DistinctBy(b => (b.Name, HtmlForm.Guids().Replace(b.Value ?? "", "{id}"))).ToList();
        var first = buttons.FirstOrDefault();
        var longText = new string('x', form.Method == "GET" ? 1_000 : 5_000);
        yield return new Submission("empty", Changed(form, _ => ""), first, form.Action);
        yield return new Submission("too long", Changed(form, _ => longText), first, form.Action);
        yield return new Submission("wrong type", Changed(form, f => f.Kind == "email" ? "12abc" : "12abc'; DROP TABLE x; --<b>"), first, form.Action);
        yield return new Submission("unknown ids", UnknownIds(form), first is null ? null : first with { Value = NewIds(first.Value ?? "") }, NewIds(form.Action));
        if (form.Method == "POST" && form.Fields.Any(f => f.Name == HtmlForm.TokenField))
        {
            yield return new Submission("no antiforgery token", Valid(form).Where(v => v.Key != HtmlForm.TokenField).ToList(), first, form.Action, ErrorExpected: true);
        }
        // Last, so the refusals meet the form as it was: each distinct button once with sensible values (the cart's
        // "Update" and each line's "Remove"), ids aside.
        foreach (var button in buttons.DefaultIfEmpty())
        {
            yield return new Submission($"valid{(button is null ? "" : $" ({button.Label})")}", Valid(form), button, form.Action);
        }
    }

    private static List<KeyValuePair<string, FormValue>> Valid(HtmlForm form)
    {
        var values = new List<KeyValuePair<string, FormValue>>();
        foreach (var field in form.Fields)
        {
            switch (field.Kind)
            {
                case "file":
                    values.Add(new(field.Name, FormValue.Upload(Png, "crawler.png")));
                    break;
                case "checkbox" or "radio":
                    if (field.Checked || field.Required)
                    {
                        values.Add(new(field.Name, FormValue.Of(field.Value)));
                    }
                    break;
                case "select":
                    values.Add(new(field.Name, FormValue.Of(field.Value.Length > 0 ? field.Value : field.Options.FirstOrDefault(o => o.Length > 0) ?? "")));
                    break;
                default:
                    values.Add(new(field.Name, FormValue.Of(field.Value.Length > 0 || field.IsFramework || field.Kind == "hidden" ? field.Value : Plausible(field))));
                    break;
            }
        }
        return values;
    }

    private static List<KeyValuePair<string, FormValue>> Changed(HtmlForm form, Func<FormField, string> value) =>
        form.Fields.Where(f => f.Kind is not ("checkbox" or "radio" or "file"))
            .Select(f => new KeyValuePair<string, FormValue>(f.Name, FormValue.Of(f.IsFramework ? f.Value : value(f))))
            .ToList();

    private static List<KeyValuePair<string, FormValue>> UnknownIds(HtmlForm form) =>
        form.Fields.Where(f => f.Kind != "file").Select(f => new KeyValuePair<string, FormValue>(f.Name, FormValue.Of(f switch
        {
            { Name: HtmlForm.TokenField } => f.Value,
            { Kind: "select" or "checkbox" or "radio" } => "no-such-value",
            _ => NewIds(f.Value),
        }))).ToList();

    private static string NewIds(string text) => HtmlForm.Guids().Replace(text, _ => Guid.NewGuid().ToString());

    private static string Plausible(FormField field)
    {
        var hints = field.Hints;
        var n = Interlocked.Increment(ref _counter);
        return hints switch
        {
            _ when field.Kind == "email" || hints.Contains("email", StringComparison.Ordinal) => $"crawler{n}-{Guid.NewGuid():N}@example.com",
            _ when field.Kind == "password" || hints.Contains("password", StringComparison.Ordinal) => "Crawler-Passw0rd!",
            _ when hints.Contains("postal", StringComparison.Ordinal) => "97201",
            _ when hints.Contains("country", StringComparison.Ordinal) => "US",
            _ when hints.Contains("address-level2", StringComparison.Ordinal) || hints.Contains("city", StringComparison.Ordinal) => "Portland",
            _ when hints.Contains("address-line", StringComparison.Ordinal) || hints.Contains("line1", StringComparison.Ordinal) => "12 Harbour Road",
            _ when hints.Contains("price", StringComparison.Ordinal) || hints.Contains("decimal", StringComparison.Ordinal) => "9.99",
            _ when field.Kind == "number" || hints.Contains("numeric", StringComparison.Ordinal) || hints.Contains("qty", StringComparison.Ordinal)
                || hints.Contains("quantity", StringComparison.Ordinal) || hints.Contains("delta", StringComparison.Ordinal) => "1",
            _ when hints.Contains("sku", StringComparison.Ordinal) => $"CRAWL-{Guid.NewGuid():N}"[..16].ToUpperInvariant(),
            _ when hints.Contains("attributes", StringComparison.Ordinal) => "colour: blue",
            _ when hints.Contains("tracking", StringComparison.Ordinal) => "TRACK" + n,
            _ when hints.Contains("carrier", StringComparison.Ordinal) => "DHL",
            _ when hints.Contains("name", StringComparison.Ordinal) => "Ada Crawler",
            _ when field.Kind == "search" || hints.Contains("q ", StringComparison.Ordinal) => "mug",
            _ => "Checked by the form crawler",
        };
    }
}
