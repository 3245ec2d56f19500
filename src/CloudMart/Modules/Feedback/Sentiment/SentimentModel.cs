using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMart.Modules.Feedback.Sentiment;

/// <summary>
/// The local analyzer's trained weights: a logistic regression over a sentence's MiniLM embedding and its rule
/// features, and the word lexicon the rule features use. Written by <c>cloudmart sentiment train</c>, shipped as
/// <c>sentiment-model.json</c> (embedded in the app), replaceable with <c>CloudMart:AI:Sentiment:ModelPath</c>.
/// </summary>
internal sealed class SentimentModel
{
    public const int CurrentFormat = 1;
    private const string ResourceName = "CloudMart.SentimentModel.json";

    public int Format { get; init; } = CurrentFormat;

    /// <summary>The embedding model the weights were trained on; another model's vectors would mean nothing to them.</summary>
    public required string EmbeddingModel { get; init; }

    public required int Dimensions { get; init; }

    /// <summary>How the model was made (data, split, seed), for whoever reads the file.</summary>
    public required string TrainedOn { get; init; }

    /// <summary>Word → polarity on the logit scale, learnt through <see cref="SentimentRules"/>.</summary>
    public required Dictionary<string, double> Lexicon { get; init; }

    /// <summary>Per feature (embedding dimensions first, then the rule features): the mean removed and the scale divided by.</summary>
    public required double[] Means { get; init; }

    public required double[] Scales { get; init; }

    public required double[] Weights { get; init; }

    public required double Bias { get; init; }

    /// <summary>Platt scaling of the logit, fitted on out-of-fold predictions so that probabilities mean what they say.</summary>
    public double CalibrationSlope { get; init; } = 1;

    public double CalibrationIntercept { get; init; }

    [JsonIgnore]
    public int FeatureCount => Dimensions + SentimentRules.FeatureCount;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The probability that the sentence is positive.</summary>
    public double Probability(ReadOnlySpan<float> embedding, string text)
    {
        var rules = SentimentRules.Features(text, Lexicon);
        var logit = Bias;
        for (var i = 0; i < Dimensions; i++)
        {
            logit += Weights[i] * ((embedding[i] - Means[i]) / Scales[i]);
        }
        for (var j = 0; j < rules.Length; j++)
        {
            var i = Dimensions + j;
            logit += Weights[i] * ((rules[j] - Means[i]) / Scales[i]);
        }
        return Sigmoid((CalibrationSlope * logit) + CalibrationIntercept);
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static SentimentModel Shipped()
    {
        using var stream = typeof(SentimentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The app is built without its sentiment model ({ResourceName}).");
        return Read(stream, "the shipped model");
    }

    public static SentimentModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static SentimentModel Read(Stream stream, string source)
    {
        SentimentModel? model;
        try
        {
            model = JsonSerializer.Deserialize<SentimentModel>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{source} is not a sentiment model: {e.Message}", e);
        }
        if (model is null || model.Format != CurrentFormat || model.Weights.Length != model.FeatureCount
            || model.Means.Length != model.FeatureCount || model.Scales.Length != model.FeatureCount || model.Scales.Any(s => s <= 0))
        {
            throw new InvalidOperationException($"{source} is not a sentiment model of format {CurrentFormat} with {SentimentRules.FeatureCount} rule features.");
        }
        return model;
    }

    public void Write(Stream stream)
    {
        var rounded = new SentimentModel
        {
            EmbeddingModel = EmbeddingModel,
            Dimensions = Dimensions,
            TrainedOn = TrainedOn,
            Lexicon = Lexicon.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Math.Round(p.Value, 3)),
            Means = [.. Means.Select(v => Math.Round(v, 5))],
            Scales = [.. Scales.Select(v => Math.Round(v, 5))],
            Weights = [.. Weights.Select(v => Math.Round(v, 5))],
            Bias = Math.Round(Bias, 5),
            CalibrationSlope = Math.Round(CalibrationSlope, 4),
            CalibrationIntercept = Math.Round(CalibrationIntercept, 4),
        };
        JsonSerializer.Serialize(stream, rounded, Json);
    }
}
