using CloudMart.Platform.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Feedback.Sentiment;

/// <summary>
/// Makes the local analyzer: the trained model (shipped, or <c>CloudMart:AI:Sentiment:ModelPath</c>) over MiniLM
/// vectors. The shop's embedding generator is reused when it is MiniLM; when the shop embeds with a cloud model, the
/// analyzer keeps a MiniLM of its own, since its weights mean nothing for another model's vectors.
/// </summary>
internal sealed class LocalSentimentAnalyzerFactory : IDisposable
{
    private readonly SentimentOptions _options;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _embeddings;
    private readonly Lazy<SentimentModel> _model;
    private MiniLmEmbeddingGenerator? _own;

    public LocalSentimentAnalyzerFactory(IOptions<SentimentOptions> options, IEmbeddingGenerator<string, Embedding<float>> shopEmbeddings)
    {
        _options = options.Value;
        _embeddings = new(() =>
        {
            var metadata = shopEmbeddings.GetService<EmbeddingGeneratorMetadata>();
            if (metadata?.DefaultModelId == MiniLmEmbeddingGenerator.ModelId)
            {
                return shopEmbeddings;
            }
            _own = new MiniLmEmbeddingGenerator();
            return _own;
        });
        _model = new(() =>
        {
            var model = _options.ModelPath is { Length: > 0 } path ? SentimentModel.Load(path) : SentimentModel.Shipped();
            if (model.EmbeddingModel != MiniLmEmbeddingGenerator.ModelId || model.Dimensions != MiniLmEmbeddingGenerator.Dimensions)
            {
                throw new InvalidOperationException($"The sentiment model was trained on {model.EmbeddingModel} ({model.Dimensions} dimensions), not {MiniLmEmbeddingGenerator.ModelId}.");
            }
            return model;
        });
    }

    /// <summary>MiniLM sentence embeddings, whatever the shop's search uses.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embeddings => _embeddings.Value;

    public LocalSentimentAnalyzer Create() => new(_model.Value, Embeddings, _options.NeutralBelow);

    public void Dispose() => _own?.Dispose();
}
