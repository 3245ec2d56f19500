using System.Text.Json.Nodes;

namespace CloudMart.Tests.BadInput;

/// <summary>POST and PUT /api/catalog/products refuse every kind of bad input with a 4xx problem and change nothing.</summary>
public abstract class RefusingBadProducts(ShopFactory shop)
{
    public const string Valid = """
        {"sku":"{sku}","name":"Stoneware mug","description":"Holds 350 ml.\nDishwasher safe.","price":12.5,"categorySlug":"general",
         "imageUrl":"https://img.example.com/mug.png","attributes":{"color":"Blue"},"initialStock":5}
        """;

    private static readonly string[] StringFields = ["sku", "name", "description", "categorySlug", "imageUrl", "attributes.color"];

    /// <summary>Bad in a create and in a full update alike.</summary>
    private static IEnumerable<(string Case, string Body)> Common() => BadBodies.Malformed()
        .Concat(BadBodies.HostileStrings(Valid, StringFields))
        .Concat(BadBodies.HostileText.Concat(BadBodies.CodeLikeText)
            .Select(bad => ($"attributes name: {bad.Key}", BadBodies.With(Valid, "attributes", new JsonObject { [bad.Value] = "Blue" }))))
        // Fields with a format of their own refuse code-like text for that format, not for looking like code.
        .Concat(new[] { "sku", "categorySlug", "imageUrl" }.SelectMany(f => BadBodies.Values(Valid, f, BadBodies.Script, BadBodies.Sql)))
        .Concat(BadBodies.WrongTypes(Valid, ["price"], StringFields))
        .Concat(BadBodies.Values(Valid, "price", 0, -1, -0.01, 1_000_000.01, 0.001, null))
        .Concat(BadBodies.Values(Valid, "name", "", "   ", "A"))
        .Concat(BadBodies.Values(Valid, "imageUrl", "javascript:alert(1)", "ftp://img.example.com/mug.png", "//evil.example.com/mug.png", "mug.png"))
        .Concat(BadBodies.Values(Valid, "categorySlug", "No Such Category", "../general"))
        .Concat(BadBodies.Missing(Valid, "name", "price", "categorySlug"))
        .Concat(
        [
            ("price: 1e30", BadBodies.WithRaw(Valid, "price", "1e30")),
            ("price: 1e-30", BadBodies.WithRaw(Valid, "price", "1e-30")),
            ("attributes: 31 of them", BadBodies.With(Valid, "attributes", new JsonObject(Enumerable.Range(1, 31)
                .Select(i => KeyValuePair.Create($"a{i}", (JsonNode?)JsonValue.Create("x")))))),
            ("attributes: a list", BadBodies.With(Valid, "attributes", new JsonArray("Blue"))),
            ("attributes: a number value", BadBodies.With(Valid, "attributes", new JsonObject { ["size"] = 3 })),
            ("categorySlug: unknown", BadBodies.With(Valid, "categorySlug", JsonValue.Create("no-such-category"))),
        ]);

    public static TheoryData<string, string> CreateCases => Common()
        .Concat(BadBodies.Missing(Valid, "sku"))
        .Concat(BadBodies.Values(Valid, "sku", "-LEADING-DASH", "HAS SPACE", "SKU/1", new string('S', 41)))
        .Concat(BadBodies.WrongTypes(Valid, ["initialStock"], []))
        .Concat(BadBodies.UnreadableIntegers(Valid, "initialStock"))
        .Concat(BadBodies.Values(Valid, "initialStock", -1, 1_000_001, int.MinValue))
        .ToTheoryData();

    public static TheoryData<string, string> ReviseCases => Common()
        .Concat(BadBodies.Values(Valid, "sku", "OTHER-SKU", null))
        .ToTheoryData();

    private readonly Api _api = shop.Api();

    private static string NewSku() => "BAD-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private Task<TestProduct> TargetAsync() => _api.SharedAsync("bad-products", () => _api.CreateProductAsync(stock: 5, price: 12.5m));

    private async Task<string> ProductAsSeenAsync(Guid id)
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return $"{response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    [Theory]
    [MemberData(nameof(CreateCases), MemberType = typeof(RefusingBadProducts))]
    public async Task A_bad_new_product_is_refused_with_400_and_nothing_is_created(string badInput, string body)
    {
        await TargetAsync();
        var admin = await _api.SharedAdminAsync();
        var before = await _api.ProductCountAsync();

        var response = await Api.SendAsync(admin, HttpMethod.Post, "/api/catalog/products", body.Replace("{sku}", NewSku(), StringComparison.Ordinal));

        await response.RefusedAsync(HttpStatusCode.BadRequest, badInput);
        Assert.Equal(before, await _api.ProductCountAsync());
    }

    [Theory]
    [MemberData(nameof(ReviseCases), MemberType = typeof(RefusingBadProducts))]
    public async Task A_bad_product_update_is_refused_with_400_and_the_product_is_unchanged(string badInput, string body)
    {
        var product = await TargetAsync();
        var admin = await _api.SharedAdminAsync();
        var before = await ProductAsSeenAsync(product.Id);

        var response = await Api.SendAsync(admin, HttpMethod.Put, $"/api/catalog/products/{product.Id}", body.Replace("{sku}", product.Sku, StringComparison.Ordinal));

        await response.RefusedAsync(HttpStatusCode.BadRequest, badInput);
        Assert.Equal(before, await ProductAsSeenAsync(product.Id));
    }

    [Fact]
    public async Task The_valid_bodies_the_bad_cases_start_from_are_accepted()
    {
        var product = await TargetAsync();
        var admin = await _api.SharedAdminAsync();

        var created = await Api.SendAsync(admin, HttpMethod.Post, "/api/catalog/products", Valid.Replace("{sku}", NewSku(), StringComparison.Ordinal));
        var revised = await Api.SendAsync(admin, HttpMethod.Put, $"/api/catalog/products/{product.Id}", Valid.Replace("{sku}", product.Sku, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
    }

    [Fact]
    public async Task Oversized_product_bodies_are_refused_with_413()
    {
        var product = await TargetAsync();
        var admin = await _api.SharedAdminAsync();
        var count = await _api.ProductCountAsync();
        var seen = await ProductAsSeenAsync(product.Id);
        var body = Refusals.Oversized(Valid, "description");

        var create = await Api.SendAsync(admin, HttpMethod.Post, "/api/catalog/products", body.Replace("{sku}", NewSku(), StringComparison.Ordinal));
        var revise = await Api.SendAsync(admin, HttpMethod.Put, $"/api/catalog/products/{product.Id}", body.Replace("{sku}", product.Sku, StringComparison.Ordinal));

        await create.RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "create over 256 KiB");
        await revise.RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "update over 256 KiB");
        Assert.Equal(count, await _api.ProductCountAsync());
        Assert.Equal(seen, await ProductAsSeenAsync(product.Id));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_so_a_client_cannot_set_ratings_stock_or_ids()
    {
        await TargetAsync();
        var admin = await _api.SharedAdminAsync();
        var id = Guid.NewGuid();
        var body = JsonNode.Parse(Valid.Replace("{sku}", NewSku(), StringComparison.Ordinal))!.AsObject();
        body["id"] = id.ToString();
        body["rating"] = 5;
        body["reviewCount"] = 1000;
        body["available"] = 999;
        body["isArchived"] = true;
        body["currency"] = "EUR";

        var response = await Api.SendAsync(admin, HttpMethod.Post, "/api/catalog/products", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var product = await response.Json();
        Assert.NotEqual(id, product.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, product.GetProperty("rating").ValueKind);
        Assert.Equal(0, product.GetProperty("reviewCount").GetInt32());
        Assert.Equal(5, product.GetProperty("available").GetInt32());
        Assert.Equal("USD", product.GetProperty("currency").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _api.Anonymous().GetAsync($"/api/catalog/products/{product.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("q", "mug\u0001")]
    [InlineData("q", "mug\u202E")]
    [InlineData("category", "kitchen\u0000")]
    public async Task Invalid_text_in_catalog_queries_is_refused_with_400(string parameter, string text)
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products?{parameter}={Uri.EscapeDataString(text)}");

        var problem = await response.RefusedAsync(HttpStatusCode.BadRequest, $"{parameter}={text}");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("q", BadBodies.Script)]
    [InlineData("q", BadBodies.Sql)]
    [InlineData("category", BadBodies.Script)]
    [InlineData("category", BadBodies.Sql)]
    public async Task Code_like_text_in_catalog_queries_is_searched_for_like_any_words(string parameter, string text)
    {
        await TargetAsync();
        var before = await _api.ProductCountAsync();

        var response = await _api.Anonymous().GetAsync($"/api/catalog/products?{parameter}={Uri.EscapeDataString(text)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Json();
        Assert.Equal(JsonValueKind.Array, page.GetProperty("items").ValueKind);
        Assert.Equal(before, await _api.ProductCountAsync()); // the "DROP TABLE" was a search, nothing more
    }

    [Fact]
    public async Task An_overlong_search_is_refused_with_400()
    {
        var response = await _api.Anonymous().GetAsync($"/api/catalog/products?q={new string('a', 201)}");

        await response.RefusedAsync(HttpStatusCode.BadRequest, "q of 201 characters");
    }
}

public sealed class RefusingBadProductsOnSqlite(SqliteShop shop) : RefusingBadProducts(shop), IClassFixture<SqliteShop>;

public sealed class RefusingBadProductsOnPostgres(PostgresShop shop) : RefusingBadProducts(shop), IClassFixture<PostgresShop>;
