using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CloudMart.Tests.Web.Crawling;

/// <summary>A value a form sends: text, or a file for a multipart form.</summary>
public sealed record FormValue(string Text, byte[]? File = null)
{
    public static FormValue Of(string text) => new(text);

    public static FormValue Upload(byte[] bytes, string fileName) => new(fileName, bytes);
}

/// <summary>One control of a form, as the HTML declares it.</summary>
public sealed record FormField(string Name, string Kind, string Value, bool Checked, bool Required, IReadOnlyList<string> Options, string Hints)
{
    public bool IsTextual => Kind is "text" or "search" or "email" or "password" or "number" or "tel" or "url" or "hidden" or "textarea" or "date";

    /// <summary>Blazor's own fields: the form's name and the antiforgery token, which a browser always sends unchanged.</summary>
    public bool IsFramework => Name is "_handler" or HtmlForm.TokenField;
}

/// <summary>A submit button; a browser sends its name and value only when it is the one pressed.</summary>
public sealed record FormSubmitter(string? Name, string? Value, string Label);

/// <summary>A form parsed from a page, able to build the request a browser would send for it.</summary>
public sealed partial class HtmlForm
{
    public const string TokenField = "__RequestVerificationToken";

    private HtmlForm(string page, string method, string action, bool multipart, IReadOnlyList<FormField> fields, IReadOnlyList<FormSubmitter> submitters)
    {
        Page = page;
        Method = method;
        Action = action;
        Multipart = multipart;
        Fields = fields;
        Submitters = submitters;
    }

    public string Page { get; }

    public string Method { get; }

    public string Action { get; }

    public bool Multipart { get; }

    public IReadOnlyList<FormField> Fields { get; }

    public IReadOnlyList<FormSubmitter> Submitters { get; }

    /// <summary>The Blazor form name (<c>@formname</c>), when the form has one.</summary>
    public string? Handler => Fields.FirstOrDefault(f => f.Name == "_handler")?.Value;

    /// <summary>What the form is, with ids left out: forms of one shape (a row's "Save" on each row) are crawled a few times, not all.</summary>
    public string Shape => Guids().Replace($"{Method} {Action.Split('?')[0]} {Handler}", "{id}");

    public static IReadOnlyList<HtmlForm> AllIn(string html, string pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        var forms = new List<HtmlForm>();
        foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            var method = string.Equals((form.GetAttribute("method") ?? "get").Trim(), "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
            var action = form.GetAttribute("action") is { Length: > 0 } declared ? Resolve(declared, pageUrl) : pageUrl;
            var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
            var fields = new List<FormField>();
            var submitters = new List<FormSubmitter>();
            foreach (var element in form.Elements)
            {
                if (element.HasAttribute("disabled"))
                {
                    continue;
                }
                var name = element.GetAttribute("name");
                var hints = string.Join(' ', name, element.Id, element.GetAttribute("autocomplete"), element.GetAttribute("inputmode")).ToLowerInvariant();
                switch (element)
                {
                    case IHtmlButtonElement button when (button.GetAttribute("type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase):
                        submitters.Add(new FormSubmitter(name, button.GetAttribute("value") ?? "", button.TextContent.Trim()));
                        break;
                    case IHtmlInputElement input:
                        var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                        if (type is "submit" or "image")
                        {
                            submitters.Add(new FormSubmitter(name, input.GetAttribute("value") ?? "", input.GetAttribute("value") ?? type));
                        }
                        else if (name is { Length: > 0 } && type is not ("button" or "reset"))
                        {
                            var value = input.GetAttribute("value") ?? (type is "checkbox" or "radio" ? "on" : "");
                            fields.Add(new FormField(name, type, value, input.HasAttribute("checked"), input.HasAttribute("required"), [], hints));
                        }
                        break;
                    case IHtmlSelectElement select when name is { Length: > 0 }:
                        var options = select.Options.Select(o => o.GetAttribute("value") ?? o.TextContent.Trim()).ToList();
                        var selected = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                        fields.Add(new FormField(name, "select", selected is null ? "" : selected.GetAttribute("value") ?? selected.TextContent.Trim(), true, select.HasAttribute("required"), options, hints));
                        break;
                    case IHtmlTextAreaElement textArea when name is { Length: > 0 }:
                        fields.Add(new FormField(name, "textarea", textArea.TextContent, true, textArea.HasAttribute("required"), [], hints));
                        break;
                }
            }
            forms.Add(new HtmlForm(pageUrl, method, action, multipart, fields, submitters));
        }
        return forms;
    }

    /// <summary>What a browser sends when nobody touches the form.</summary>
    public List<KeyValuePair<string, FormValue>> DefaultFields() =>
        Fields.Where(f => f.Kind is not ("checkbox" or "radio" or "file") || (f.Kind is "checkbox" or "radio" && f.Checked))
            .Select(f => new KeyValuePair<string, FormValue>(f.Name, FormValue.Of(f.Value)))
            .ToList();

    /// <summary>The request a browser sends for these values and the pressed button.</summary>
    public HttpRequestMessage Request(IEnumerable<KeyValuePair<string, FormValue>> values, FormSubmitter? pressed, string? action = null)
    {
        var pairs = values.ToList();
        if (pressed?.Name is { Length: > 0 } buttonName)
        {
            pairs.Add(new(buttonName, FormValue.Of(pressed.Value ?? "")));
        }
        action ??= Action;
        if (Method == "GET")
        {
            var query = string.Join('&', pairs.Where(p => p.Value.File is null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.Text)}"));
            return new HttpRequestMessage(HttpMethod.Get, action.Split('?')[0] + "?" + query);
        }
        HttpContent content;
        if (Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in pairs)
            {
                if (value.File is { } bytes)
                {
                    multipart.Add(new ByteArrayContent(bytes), name, value.Text);
                }
                else
                {
                    multipart.Add(new StringContent(value.Text), name);
                }
            }
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.Text)));
        }
        return new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
    }

    private static string Resolve(string action, string pageUrl) =>
        new Uri(new Uri("http://localhost" + pageUrl), action) is { } absolute ? absolute.PathAndQuery : action;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    public static partial Regex Guids();
}
