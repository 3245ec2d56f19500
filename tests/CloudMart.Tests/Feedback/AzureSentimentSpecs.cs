using CloudMart.Modules.Feedback;
using CloudMart.Modules.Feedback.Contracts;
using CloudMart.Modules.Feedback.Sentiment;
using CloudMart.Platform.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudMart.Tests.Feedback;

/// <summary>Azure AI Language by configuration, against a fake that speaks its wire format, with the local analyzer as fallback.</summary>
public sealed class AzureSentimentSpecs(LocalSentimentSpecs.Analyzer local) : IClassFixture<LocalSentimentSpecs.Analyzer>, IAsyncLifetime
{
    private readonly FakeAzureLanguage _azure = new();
    private readonly List<ServiceProvider> _services = [];

    public Task InitializeAsync() => _azure.StartAsync();

    private ISentimentAnalyzer Analyzer(string key = FakeAzureLanguage.Key, int maxAttempts = 3, string provider = "Azure")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudMart:AI:Sentiment:Provider"] = provider,
            ["CloudMart:AI:Sentiment:Endpoint"] = _azure.Endpoint.ToString(),
            ["CloudMart:AI:Sentiment:ApiKey"] = key,
            ["CloudMart:AI:Sentiment:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(local.Embeddings);
        services.AddFeedback(configuration);
        var built = services.BuildServiceProvider();
        _services.Add(built);
        return built.GetRequiredService<ISentimentAnalyzer>();
    }

    [Fact]
    public async Task Texts_go_to_Azure_ten_documents_a_request_in_the_documented_shape_and_come_back_in_order()
    {
        var texts = Enumerable.Range(0, 23).Select(i => i % 2 == 0 ? $"Review {i}: I love it" : $"Review {i}: it arrived broken").ToList();

        var results = await Analyzer().AnalyzeAsync(texts);

        Assert.Equal([10, 10, 3], _azure.Requests.Select(r => r.GetProperty("analysisInput").GetProperty("documents").GetArrayLength()));
        var first = _azure.Requests.First();
        Assert.Equal("SentimentAnalysis", first.GetProperty("kind").GetString());
        Assert.True(first.GetProperty("parameters").GetProperty("opinionMining").GetBoolean());
        var document = first.GetProperty("analysisInput").GetProperty("documents")[0];
        Assert.Equal("en", document.GetProperty("language").GetString());
        Assert.Equal("Review 0: I love it", document.GetProperty("text").GetString());
        Assert.All(_azure.QueryStrings, q => Assert.Contains("stringIndexType=Utf16CodeUnit", q, StringComparison.Ordinal));
        Assert.Equal(texts.Select((_, i) => i % 2 == 0 ? SentimentLabel.Positive : SentimentLabel.Negative), results.Select(r => r.Label));
        Assert.All(results, r => Assert.Equal("azure", r.Provider));
        Assert.All(results, r => Assert.Null(r.FallbackReason));
        Assert.Equal(0.91, results[0].Score, 6);
        Assert.Equal(-0.94, results[1].Score, 6);
        Assert.Equal(0.95, results[1].Confidence, 6);
    }

    [Fact]
    public async Task Mixed_documents_and_their_sentences_keep_Azures_labels_and_offsets()
    {
        const string text = "I love the colour. The lid came broken";

        var result = await Analyzer().AnalyzeAsync(text);

        Assert.Equal(SentimentLabel.Mixed, result.Label);
        Assert.Equal([SentimentLabel.Positive, SentimentLabel.Negative], result.Sentences.Select(s => s.Label));
        Assert.All(result.Sentences, s => Assert.Equal(s.Text, text.Substring(s.Offset, s.Length)));
    }

    [Fact]
    public async Task Throttling_is_waited_out_as_the_service_asks_and_then_Azure_answers()
    {
        _azure.ThrottleFirst = 1;

        var result = await Analyzer().AnalyzeAsync("I love it");

        Assert.Equal(2, _azure.RequestCount);
        Assert.Equal("azure", result.Provider);
        Assert.Equal(SentimentLabel.Positive, result.Label);
    }

    [Fact]
    public async Task A_document_Azure_refuses_is_scored_locally_and_says_why_while_the_rest_come_from_Azure()
    {
        var results = await Analyzer().AnalyzeAsync(["I love it", "REFUSE this awful broken kettle", "", new string('a', 5_121)]);

        Assert.Equal("azure", results[0].Provider);
        Assert.Equal("local", results[1].Provider);
        Assert.Contains("InvalidArgument", results[1].FallbackReason, StringComparison.Ordinal);
        Assert.Equal(SentimentLabel.Negative, results[1].Label);
        Assert.Equal(SentimentLabel.Neutral, results[2].Label);
        Assert.Equal("local", results[3].Provider);
        Assert.Contains("5120 characters", results[3].FallbackReason, StringComparison.Ordinal);
        Assert.Equal(["I love it", "REFUSE this awful broken kettle"], _azure.Requests.Single().GetProperty("analysisInput").GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_wrong_key_is_not_retried_and_the_local_analyzer_answers()
    {
        var result = await Analyzer(key: "wrong").AnalyzeAsync("The kettle is wonderful, I use it every day.");

        Assert.Equal(1, _azure.RequestCount);
        Assert.Equal("local", result.Provider);
        Assert.Equal("Azure AI Language answered 401 (401)", result.FallbackReason);
        Assert.Equal(SentimentLabel.Positive, result.Label);
    }

    [Fact]
    public async Task When_Azure_is_down_every_text_is_still_scored_and_the_circuit_breaker_stops_the_calls()
    {
        _azure.Down = true;
        var analyzer = Analyzer(maxAttempts: 2);

        var first = await analyzer.AnalyzeAsync("It arrived broken and the seller never answered.");
        var second = await analyzer.AnalyzeAsync("Great value.");
        var callsBeforeTheBreak = _azure.RequestCount;
        var third = await analyzer.AnalyzeAsync("Great value.");

        Assert.Equal(4, callsBeforeTheBreak);
        Assert.Equal(callsBeforeTheBreak, _azure.RequestCount);
        Assert.Equal("Azure AI Language answered 500 (InternalServerError)", first.FallbackReason);
        Assert.Equal(SentimentLabel.Negative, first.Label);
        Assert.Equal("local", second.Provider);
        Assert.Contains("circuit breaker", third.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(SentimentLabel.Positive, third.Label);
    }

    [Fact]
    public void The_provider_is_chosen_by_configuration_and_a_bad_setting_names_itself()
    {
        Assert.IsType<LocalSentimentAnalyzer>(Analyzer(provider: "Local"));
        Assert.IsType<AzureLanguageSentimentAnalyzer>(Analyzer());
        var error = Assert.ThrowsAny<Exception>(() => Analyzer(key: "", provider: "Azure"));
        Assert.Contains("CloudMart:AI:Sentiment:ApiKey", error.ToString(), StringComparison.Ordinal);
        var unknown = Assert.ThrowsAny<Exception>(() => Analyzer(provider: "Watson"));
        Assert.Contains("Local or Azure", unknown.ToString(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _services)
        {
            await provider.DisposeAsync();
        }
        await _azure.DisposeAsync();
    }
}
