using CloudMart.Modules.Assistant.ShopPolicies;
using Markdig;

namespace CloudMart.Web.Help;

/// <summary>
/// The shop's policy pages (returns, refunds, delivery…), the same text the assistant answers from, rendered once.
/// Raw HTML in the markdown is not passed through: the pages are ours, but a page is never a way to inject markup.
/// </summary>
internal sealed class HelpPages(PolicyLibrary library)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoIdentifiers().Build();

    private readonly Lazy<IReadOnlyDictionary<string, HelpPage>> _pages = new(() => library.AllPages.ToDictionary(
        p => p.Slug,
        p => new HelpPage(p.Slug, p.Title, Markdown.ToHtml(WithoutTitle(p.Markdown), Pipeline), Summary(p.Markdown)),
        StringComparer.OrdinalIgnoreCase));

    public IReadOnlyList<HelpPage> All => [.. PolicyLibrary.Pages.Select(slug => _pages.Value[slug])];

    public HelpPage? Find(string slug) => _pages.Value.GetValueOrDefault(slug);

    /// <summary>The page heading is the page's own h1; the markdown's first heading would repeat it.</summary>
    private static string WithoutTitle(string markdown) =>
        markdown.StartsWith("# ", StringComparison.Ordinal) ? markdown[(markdown.IndexOf('\n', StringComparison.Ordinal) + 1)..] : markdown;

    /// <summary>The first paragraph, as the page's meta description.</summary>
    private static string Summary(string markdown)
    {
        var paragraph = PolicyLibrary.WithoutLinks(markdown.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) ?? "");
        return paragraph.Length <= 155 ? paragraph : paragraph[..152].TrimEnd() + "…";
    }
}

internal sealed record HelpPage(string Slug, string Title, string Html, string Summary);
