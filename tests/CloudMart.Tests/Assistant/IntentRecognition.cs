using CloudMart.Modules.Assistant.Evaluate;
using CloudMart.Modules.Assistant.Intents;
using CloudMart.Modules.Assistant.Offline;
using CloudMart.Platform.AI;

namespace CloudMart.Tests.Assistant;

/// <summary>
/// The offline assistant's intent recognition, measured on data it never saw: the Bitext validation split read from
/// the shared data folder beside the repository (../shared/data; never copied into it). Its examples are the shop's
/// own, written by hand.
/// </summary>
public sealed class IntentRecognition : IClassFixture<IntentRecognition.Recogniser>
{
    public static readonly string ValidationFile = SharedData("support-intents/bitext_customer_service_validation.csv");

    /// <summary>A file of ../shared/data, found from the repository root (CI and every machine keep it beside the clone).</summary>
    private static string SharedData(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudMart.slnx")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", relative));
            }
        }
        throw new InvalidOperationException("CloudMart.slnx not found above the test binaries.");
    }

    private readonly IntentClassifier _classifier;

    public IntentRecognition(Recogniser recogniser) => _classifier = recogniser.Classifier;

    public sealed class Recogniser : IDisposable
    {
        private readonly MiniLmEmbeddingGenerator _embeddings = new();

        public Recogniser() => Classifier = new IntentClassifier(_embeddings);

        internal IntentClassifier Classifier { get; }

        public void Dispose() => _embeddings.Dispose();
    }

    [Fact]
    public async Task Intents_of_the_validation_split_are_recognised_at_least_85_percent_of_the_time()
    {
        Assert.True(File.Exists(ValidationFile), $"The shared data set is missing: {ValidationFile}");
        using var reader = new StreamReader(ValidationFile);
        // Every second row: a sample of 405 utterances spread over all 27 intents.
        var sample = IntentEvaluation.Read(reader).Where((_, i) => i % 2 == 0).ToList();

        var report = await new IntentEvaluation(_classifier).EvaluateAsync(sample, null, CancellationToken.None);

        Assert.Equal(27, sample.Select(r => r.Intent).Distinct().Count());
        Assert.True(report.Accuracy >= 0.85, $"accuracy {report.Accuracy:P1}; most confused: {string.Join(", ", report.Confusions.Take(5))}");
    }

    [Fact]
    public void Every_support_intent_of_the_data_set_is_known_under_its_own_name_with_the_shops_own_additions()
    {
        string[] bitext =
        [
            "cancel_order", "change_order", "change_shipping_address", "check_cancellation_fee", "check_invoice", "check_payment_methods",
            "check_refund_policy", "complaint", "contact_customer_service", "contact_human_agent", "create_account", "delete_account",
            "delivery_options", "delivery_period", "edit_account", "get_invoice", "get_refund", "newsletter_subscription", "payment_issue",
            "place_order", "recover_password", "registration_problems", "review", "set_up_shipping_address", "switch_account", "track_order", "track_refund",
        ];

        Assert.Superset(bitext.ToHashSet(), _classifier.Intents.ToHashSet());
        Assert.Superset(new HashSet<string> { "search_products", "recommend_products", "add_to_cart", "view_cart", "greeting" }, _classifier.Intents.ToHashSet());
    }

    [Theory]
    [InlineData("where's my parcel? order CM-000042", "track_order")]
    [InlineData("please cancel my purchase", "cancel_order")]
    [InlineData("can I send back a jacket I bought last week?", "check_refund_policy")]
    [InlineData("how soon will my package get here", "delivery_period")]
    [InlineData("I'd like to talk to a real person", "contact_human_agent")]
    [InlineData("do you sell hiking boots", "search_products")]
    [InlineData("put it in my cart", "add_to_cart")]
    public async Task Common_requests_are_recognised(string message, string intent)
    {
        Assert.Equal(intent, (await _classifier.ClassifyAsync(message, CancellationToken.None)).Intent);
    }

    [Theory]
    [InlineData("CM-000123", "CM-000123")]
    [InlineData("cm-42", "CM-000042")]
    [InlineData("CM 000042", "CM-000042")]
    [InlineData("#42", "CM-000042")]
    [InlineData("113542617735902", null)]
    [InlineData("CM-0", null)]
    [InlineData("order one", null)]
    public void Order_numbers_are_read_as_customers_type_them(string typed, string? canonical)
    {
        Assert.Equal(canonical, OrderNumbers.Normalise(typed));
    }

    [Theory]
    [InlineData("where is order cm-7 please", "CM-000007")]
    [InlineData("cancel purchase 12", "CM-000012")]
    [InlineData("cancel order 113542617735902", null)]
    [InlineData("I want 3 mugs", null)]
    public void Order_numbers_are_found_in_messages(string message, string? number)
    {
        Assert.Equal(number, OrderNumbers.Find(message));
    }

    [Theory]
    [InlineData("add 3 ceramic mugs to my cart", 3, "ceramic mugs")]
    [InlineData("put two of the blue sweaters in my basket", 2, "blue sweaters")]
    [InlineData("add it", 1, "")]
    public void Quantities_and_product_words_are_read_from_a_message(string message, int quantity, string terms)
    {
        Assert.Equal(quantity, MessageDetails.Quantity(message));
        Assert.Equal(terms, MessageDetails.ProductTerms(message));
    }

    [Theory]
    [InlineData("yes", true, false)]
    [InlineData("Yes please, go ahead", true, false)]
    [InlineData("no, keep it", false, true)]
    [InlineData("don't cancel it", false, true)]
    [InlineData("what is the weather", false, false)]
    public void Yes_and_no_are_told_apart(string message, bool yes, bool no)
    {
        Assert.Equal(yes, MessageDetails.IsYes(message));
        Assert.Equal(no, MessageDetails.IsNo(message));
    }
}
