using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Assistant.ShopPolicies;

/// <summary>A passage of a policy page: one section under its heading.</summary>
internal sealed record PolicyPassage(string Page, string PageTitle, string Section, string Text, double Score);

/// <summary>A policy page as written (markdown), for the storefront to render.</summary>
internal sealed record PolicyPage(string Slug, string Title, string Markdown);

/// <summary>
/// The shop's own policy pages (markdown embedded in the assembly) and retrieval over their sections by embedding
/// similarity: the assistant answers policy questions with the shop's words, not made-up ones.
/// </summary>
internal sealed partial class PolicyLibrary
{
    public static readonly IReadOnlyList<string> Pages = ["returns", "refunds", "delivery", "payment", "orders", "account", "contact"];

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly Lazy<Task<float[][]>> _vectors;

    public PolicyLibrary(IEmbeddingGenerator<string, Embedding<float>> embeddings)
    {
        _embeddings = embeddings;
        AllPages = Pages.Select(Load).ToList();
        Passages = AllPages.SelectMany(Split).ToList();
        _vectors = new Lazy<Task<float[][]>>(EmbedPassagesAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<PolicyPage> AllPages { get; }

    public IReadOnlyList<PolicyPassage> Passages { get; }

    /// <summary>The passage that best answers the question, within one page when <paramref name="page"/> is given.</summary>
    public async Task<PolicyPassage> SearchAsync(string question, string? page, CancellationToken cancellationToken)
    {
        var vectors = await _vectors.Value;
        var query = (await _embeddings.GenerateAsync([question], cancellationToken: cancellationToken))[0].Vector.Span;
        var best = -1;
        var bestScore = double.MinValue;
        for (var i = 0; i < Passages.Count; i++)
        {
            if (page is not null && Passages[i].Page != page)
            {
                continue;
            }
            var score = Vectors.Cosine(query, vectors[i]);
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }
        return Passages[best] with { Score = Math.Round(bestScore, 3) };
    }

    private async Task<float[][]> EmbedPassagesAsync()
    {
        // The heading carries most of the meaning of a short section, so it is embedded with the text.
        var texts = Passages.Select(p => $"{p.PageTitle}: {p.Section}. {p.Text}").ToList();
        var embedded = await _embeddings.GenerateAsync(texts);
        return embedded.Select(e => e.Vector.ToArray()).ToArray();
    }

    private static PolicyPage Load(string slug)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"CloudMart.Policies.{slug}.md")
            ?? throw new InvalidOperationException($"The policy page '{slug}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var markdown = reader.ReadToEnd();
        var title = markdown.Split('\n').First(l => l.StartsWith("# ", StringComparison.Ordinal))[2..].Trim();
        return new PolicyPage(slug, title, markdown);
    }

    /// <summary>The pages link to the features they describe; the assistant quotes the words, not the markdown.</summary>
    public static string WithoutLinks(string markdown) => MarkdownLink().Replace(markdown, "$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"\[([^\]]+)\]\([^)\s]+\)")]
    private static partial System.Text.RegularExpressions.Regex MarkdownLink();

    private static IEnumerable<PolicyPassage> Split(PolicyPage page)
    {
        string? section = null;
        var text = new List<string>();
        foreach (var raw in page.Markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (section is not null)
                {
                    yield return new PolicyPassage(page.Slug, page.Title, section, string.Join(" ", text).Trim(), 0);
                }
                section = line[3..].Trim();
                text.Clear();
            }
            else if (section is not null && line.Length > 0)
            {
                text.Add(WithoutLinks(line.Trim()));
            }
        }
        if (section is not null)
        {
            yield return new PolicyPassage(page.Slug, page.Title, section, string.Join(" ", text).Trim(), 0);
        }
    }
}

internal static class Vectors
{
    /// <summary>Cosine similarity; the embedding models used here return unit vectors, but a cloud model might not.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }
        var score = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsNaN(score) ? 0 : score; // a zero vector has no direction
    }
}
