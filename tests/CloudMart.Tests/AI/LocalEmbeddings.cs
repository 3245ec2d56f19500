using System.Numerics.Tensors;
using CloudMart.Platform.AI;
using Microsoft.Extensions.AI;

namespace CloudMart.Tests.AI;

/// <summary>The in-process MiniLM model: offline, unit-length vectors whose similarity follows meaning, not spelling.</summary>
public sealed class LocalEmbeddings
{
    private static readonly MiniLmEmbeddingGenerator Generator = new();

    [Fact]
    public async Task Vectors_have_384_dimensions_and_unit_length()
    {
        var embeddings = await Generator.GenerateAsync(["waterproof hiking jacket", ""]);
        Assert.Equal(2, embeddings.Count);
        foreach (var embedding in embeddings)
        {
            Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, embedding.Vector.Length);
        }
        Assert.InRange(TensorPrimitives.Norm(embeddings[0].Vector.Span), 0.99f, 1.01f);
    }

    [Fact]
    public async Task Texts_that_mean_the_same_are_closer_than_texts_that_share_words()
    {
        var vectors = await Generator.GenerateAsync(["where is my parcel", "track my order delivery", "where is the parcel shop hiring"]);
        var samePurpose = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var sharedWords = TensorPrimitives.CosineSimilarity(vectors[1].Vector.Span, vectors[2].Vector.Span);
        Assert.True(samePurpose > sharedWords, $"same purpose {samePurpose:F3} should beat shared words {sharedWords:F3}");
    }

    [Fact]
    public async Task A_batch_larger_than_one_model_call_keeps_input_order()
    {
        var texts = Enumerable.Range(0, 70).Select(i => $"product number {i}").ToArray();
        var batch = await Generator.GenerateAsync(texts);
        var single = await Generator.GenerateAsync([texts[65]]);
        Assert.Equal(70, batch.Count);
        Assert.True(TensorPrimitives.CosineSimilarity(batch[65].Vector.Span, single[0].Vector.Span) > 0.999f);
    }

    [Fact]
    public void An_unknown_provider_fails_fast_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EmbeddingOptions { Provider = "Magic" }.Validate());
        Assert.Contains("CloudMart:AI:Embeddings:Provider", error.Message, StringComparison.Ordinal);
    }
}
