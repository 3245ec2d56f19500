using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>The registered embedding generator and the id its vectors are stored under (vectors of two models never mix).</summary>
internal sealed class EmbeddingModel(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    public IEmbeddingGenerator<string, Embedding<float>> Generator => generator;

    public string Id { get; } = Describe(generator);

    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken) =>
        (await generator.GenerateAsync([text], cancellationToken: cancellationToken))[0].Vector.ToArray();

    private static string Describe(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var id = $"{metadata?.ProviderName ?? "unknown"}/{metadata?.DefaultModelId ?? "default"}";
        return id.Length <= 100 ? id : id[..100];
    }
}
