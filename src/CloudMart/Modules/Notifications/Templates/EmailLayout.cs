using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace CloudMart.Modules.Notifications.Templates;

/// <summary>
/// The shop's e-mail look: one HTML layout and a matching plain-text version. Every value is HTML-encoded;
/// templates are code so a missing field is a compile error, not a blank in a customer's inbox.
/// </summary>
internal static class EmailLayout
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Encode(string text) => Html.Encode(text);

    public static string Money(decimal amount, string currency) => $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";

    public static string HtmlPage(string heading, string bodyHtml) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{Encode(heading)}</title></head>
        <body style="margin:0;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2933">
          <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;padding:32px">
              <tr><td style="font-size:20px;font-weight:600;color:#0b6e4f;padding-bottom:16px">CloudMart</td></tr>
              <tr><td><h1 style="font-size:22px;margin:0 0 16px">{Encode(heading)}</h1>{bodyHtml}</td></tr>
              <tr><td style="padding-top:24px;font-size:12px;color:#6b7280">You receive this e-mail because of an order or account at CloudMart.
                Questions? Reply to this message and our team will help.</td></tr>
            </table>
          </td></tr></table>
        </body></html>
        """;

    public static string Paragraph(string text) => $"<p style=\"line-height:1.5\">{Encode(text)}</p>";

    /// <summary>Links drawn as buttons; the first is the main action.</summary>
    public static string Buttons(IEnumerable<(string Label, string Url)> links) => string.Concat(links.Select((link, i) =>
        $"<p style=\"margin:16px 0\"><a href=\"{Encode(link.Url)}\" style=\"display:inline-block;padding:10px 18px;border-radius:6px;text-decoration:none;"
        + (i == 0 ? "background:#0b6e4f;color:#ffffff" : "border:1px solid #0b6e4f;color:#0b6e4f") + $"\">{Encode(link.Label)}</a></p>"));

    /// <summary>A call to action, with the address also written out for mail clients that hide buttons.</summary>
    public static string Button(string label, Uri href) =>
        $"<p style=\"margin:24px 0\"><a href=\"{Encode(href.AbsoluteUri)}\" style=\"background:#0b6e4f;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600\">{Encode(label)}</a></p>"
        + $"<p style=\"font-size:12px;color:#6b7280;word-break:break-all\">{Encode(href.AbsoluteUri)}</p>";

    public static string LinesTable(IEnumerable<(string Name, int Quantity, string Total)> lines, IEnumerable<(string Label, string Amount)> totals)
    {
        var html = new StringBuilder("<table role=\"presentation\" width=\"100%\" cellpadding=\"6\" cellspacing=\"0\" style=\"border-collapse:collapse;margin:16px 0\">");
        foreach (var (name, quantity, total) in lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr style=\"border-bottom:1px solid #e5e7eb\"><td>{Encode(name)}</td><td align=\"right\">× {quantity}</td><td align=\"right\">{Encode(total)}</td></tr>");
        }
        foreach (var (label, amount) in totals)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"2\" align=\"right\">{Encode(label)}</td><td align=\"right\">{Encode(amount)}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }
}
