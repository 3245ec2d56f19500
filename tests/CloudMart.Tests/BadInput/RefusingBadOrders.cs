using System.Text.Json.Nodes;

namespace CloudMart.Tests.BadInput;

/// <summary>POST /api/orders refuses every kind of bad input with a 4xx problem, and nothing is reserved or placed.</summary>
public abstract class RefusingBadOrders(ShopFactory shop)
{
    public const string Valid = """
        {"items":[{"productId":"{productId}","quantity":1}],
         "shippingAddress":{"name":"Ada Shopper","line1":"12 Harbour Road","line2":"Flat 2","city":"Portland","postalCode":"97201","country":"US"},
         "paymentToken":"tok_visa"}
        """;

    private static readonly string[] StringFields =
    [
        "shippingAddress.name", "shippingAddress.line1", "shippingAddress.line2", "shippingAddress.city",
        "shippingAddress.postalCode", "shippingAddress.country", "paymentToken", "items[0].productId",
    ];

    public static TheoryData<string, string> Cases => BadBodies.Malformed()
        .Concat(BadBodies.HostileStrings(Valid, StringFields))
        .Concat(new[] { "shippingAddress.postalCode", "shippingAddress.country", "paymentToken", "items[0].productId" }
            .SelectMany(f => BadBodies.Values(Valid, f, BadBodies.Script, BadBodies.Sql)))
        .Concat(BadBodies.WrongTypes(Valid, ["items[0].quantity"], StringFields))
        .Concat(BadBodies.UnreadableIntegers(Valid, "items[0].quantity"))
        .Concat(BadBodies.Values(Valid, "items[0].quantity", 0, -1, 1001, int.MaxValue, int.MinValue, null))
        .Concat(BadBodies.Values(Valid, "items[0].productId", Guid.Empty.ToString(), "not-a-guid", "", null))
        .Concat(BadBodies.Values(Valid, "shippingAddress.country", "ZZ", "USA", "u"))
        .Concat(BadBodies.Values(Valid, "shippingAddress.postalCode", "-97201", "972/01"))
        .Concat(BadBodies.Values(Valid, "paymentToken", "tok visa", "tok-visa"))
        .Concat(BadBodies.Missing(Valid, "shippingAddress", "paymentToken", "shippingAddress.name", "shippingAddress.line1",
            "shippingAddress.city", "shippingAddress.postalCode", "shippingAddress.country", "items[0].productId", "items[0].quantity"))
        .Concat(
        [
            ("items: an empty list", BadBodies.With(Valid, "items", new JsonArray())),
            ("items: a string", BadBodies.With(Valid, "items", JsonValue.Create("everything"))),
            ("items: a null line", BadBodies.With(Valid, "items", new JsonArray((JsonNode?)null))),
            ("items: 51 lines", BadBodies.With(Valid, "items", new JsonArray(Enumerable.Range(1, 51)
                .Select(i => (JsonNode?)new JsonObject { ["productId"] = $"00000000-0000-0000-0000-{i:D12}", ["quantity"] = 1 }).ToArray()))),
            ("items: one product twice, over 1000 in all", BadBodies.With(Valid, "items", new JsonArray(
                new JsonObject { ["productId"] = "{productId}", ["quantity"] = 600 },
                new JsonObject { ["productId"] = "{productId}", ["quantity"] = 600 }))),
            ("shippingAddress: null", BadBodies.With(Valid, "shippingAddress", null)),
            ("shippingAddress: a string", BadBodies.With(Valid, "shippingAddress", JsonValue.Create("12 Harbour Road, Portland"))),
        ])
        .ToTheoryData();

    private readonly Api _api = shop.Api();

    private sealed record Snapshot(int Orders, int Reserved, int OnHand);

    private Task<(TestProduct Product, Customer Buyer)> TargetAsync() => _api.SharedAsync("bad-orders", async () =>
        (await _api.CreateProductAsync(stock: 1000), await _api.CustomerAsync()));

    private async Task<Snapshot> SnapshotAsync(TestProduct product)
    {
        var stock = await _api.StockOfAsync(product.Sku);
        return new Snapshot(await _api.OrderCountAsync(), stock.GetProperty("reserved").GetInt32(), stock.GetProperty("onHand").GetInt32());
    }

    private static Task<HttpResponseMessage> PostAsync(Customer buyer, string body, Guid productId, IDictionary<string, string>? headers = null) =>
        Api.SendAsync(buyer.Client, HttpMethod.Post, "/api/orders", body.Replace("{productId}", productId.ToString(), StringComparison.Ordinal), headers);

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(RefusingBadOrders))]
    public async Task A_bad_order_body_is_refused_with_400_and_nothing_is_reserved_or_placed(string badInput, string body)
    {
        var (product, buyer) = await TargetAsync();
        var before = await SnapshotAsync(product);

        var response = await PostAsync(buyer, body, product.Id);

        await response.RefusedAsync(HttpStatusCode.BadRequest, badInput);
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Fact]
    public async Task The_valid_body_the_bad_cases_start_from_is_accepted()
    {
        var (product, buyer) = await TargetAsync();

        var response = await PostAsync(buyer, Valid, product.Id);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Ordering_an_unknown_product_is_refused_with_400_naming_the_line()
    {
        var (product, buyer) = await TargetAsync();
        var before = await SnapshotAsync(product);
        var body = BadBodies.With(Valid, "items", new JsonArray(
            new JsonObject { ["productId"] = product.Id.ToString(), ["quantity"] = 1 },
            new JsonObject { ["productId"] = Guid.NewGuid().ToString(), ["quantity"] = 1 }));

        var problem = await (await PostAsync(buyer, body, product.Id)).RefusedAsync(HttpStatusCode.BadRequest, "unknown product");

        Assert.True(problem.GetProperty("errors").TryGetProperty("items[1].productId", out _), problem.ToString());
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Fact]
    public async Task Ordering_an_archived_product_is_refused_with_400()
    {
        var (product, buyer) = await TargetAsync();
        var archived = await _api.CreateProductAsync(stock: 5);
        await _api.ArchiveAsync(archived.Id);
        var before = await SnapshotAsync(product);

        var response = await PostAsync(buyer, Valid, archived.Id);

        await response.RefusedAsync(HttpStatusCode.BadRequest, "archived product");
        Assert.Equal(before, await SnapshotAsync(product));
        Assert.Equal(0, (await _api.StockOfAsync(archived.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var (product, buyer) = await TargetAsync();
        var before = await SnapshotAsync(product);

        var response = await PostAsync(buyer, Refusals.Oversized(Valid, "shippingAddress.line2"), product.Id);

        var problem = await response.RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "a body over 256 KiB");
        Assert.Contains("256 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Fact]
    public async Task An_oversized_body_sent_without_a_length_is_refused_too()
    {
        var (product, buyer) = await TargetAsync();
        var before = await SnapshotAsync(product);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                Refusals.Oversized(Valid, "shippingAddress.line2").Replace("{productId}", product.Id.ToString(), StringComparison.Ordinal)))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await buyer.Client.SendAsync(request);

        var problem = await response.RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "a chunked body over 256 KiB");
        Assert.Contains("256 KiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        var (product, buyer) = await TargetAsync();
        var before = await SnapshotAsync(product);

        var response = await buyer.Client.PostAsync("/api/orders", new StringContent(Valid.Replace("{productId}", product.Id.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "text/plain"));

        await response.RefusedAsync(HttpStatusCode.UnsupportedMediaType, "text/plain body");
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Fact]
    public async Task An_idempotency_key_over_200_characters_is_refused_with_400()
    {
        var (product, buyer) = await TargetAsync();
        var before = await SnapshotAsync(product);

        var response = await PostAsync(buyer, Valid, product.Id, new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 201) });

        var problem = await response.RefusedAsync(HttpStatusCode.BadRequest, "Idempotency-Key of 201 characters");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Fact]
    public async Task An_idempotency_key_of_exactly_200_characters_is_accepted()
    {
        var (product, buyer) = await TargetAsync();

        var response = await PostAsync(buyer, Valid, product.Id, new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 200) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_so_a_client_cannot_set_prices_status_or_owner()
    {
        var (product, buyer) = await TargetAsync();
        var body = JsonNode.Parse(Valid)!.AsObject();
        body["status"] = "Delivered";
        body["customerId"] = Guid.NewGuid().ToString();
        body["total"] = 0.01;
        body["items"]![0]!["unitPrice"] = 0.01;
        body["shippingAddress"]!["planet"] = "Mars";
        body["somethingNew"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };

        var response = await PostAsync(buyer, body.ToJsonString(), product.Id);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Json();
        Assert.NotEqual("Delivered", order.GetProperty("status").GetString());
        Assert.Equal(buyer.Id, order.GetProperty("customerId").GetGuid());
        Assert.Equal(product.Price, order.GetProperty("items")[0].GetProperty("unitPrice").GetDecimal());
        Assert.True(order.GetProperty("total").GetDecimal() > product.Price);
    }
}

public sealed class RefusingBadOrdersOnSqlite(SqliteShop shop) : RefusingBadOrders(shop), IClassFixture<SqliteShop>;

public sealed class RefusingBadOrdersOnPostgres(PostgresShop shop) : RefusingBadOrders(shop), IClassFixture<PostgresShop>;
