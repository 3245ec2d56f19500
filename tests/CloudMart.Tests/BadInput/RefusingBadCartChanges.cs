using System.Text.Json.Nodes;

namespace CloudMart.Tests.BadInput;

/// <summary>PUT /api/cart/items/{productId} refuses every kind of bad input with a 4xx problem and leaves the cart as it was.</summary>
public abstract class RefusingBadCartChanges(ShopFactory shop)
{
    public const string Valid = """{"quantity":3}""";

    public static TheoryData<string, string> Cases => BadBodies.Malformed()
        .Concat(BadBodies.WrongTypes(Valid, ["quantity"], []))
        .Concat(BadBodies.UnreadableIntegers(Valid, "quantity"))
        .Concat(BadBodies.Values(Valid, "quantity", -1, 1001, int.MaxValue, int.MinValue, null))
        .Concat(BadBodies.Missing(Valid, "quantity"))
        .ToTheoryData();

    private readonly Api _api = shop.Api();

    /// <summary>A customer whose cart holds two of a product, and the product the bad changes aim at.</summary>
    private Task<(TestProduct Product, Customer Shopper)> TargetAsync() => _api.SharedAsync("bad-cart", async () =>
    {
        var product = await _api.CreateProductAsync(stock: 50);
        var shopper = await _api.CustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await shopper.Client.PutAsJsonAsync($"/api/cart/items/{product.Id}", new { quantity = 2 })).StatusCode);
        return (product, shopper);
    });

    private static async Task<string> CartAsync(Customer shopper) => await (await shopper.Client.GetAsync("/api/cart")).Content.ReadAsStringAsync();

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(RefusingBadCartChanges))]
    public async Task A_bad_cart_change_is_refused_with_400_and_the_cart_is_unchanged(string badInput, string body)
    {
        var (product, shopper) = await TargetAsync();
        var before = await CartAsync(shopper);

        var response = await Api.SendAsync(shopper.Client, HttpMethod.Put, $"/api/cart/items/{product.Id}", body);

        await response.RefusedAsync(HttpStatusCode.BadRequest, badInput);
        Assert.Equal(before, await CartAsync(shopper));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("archived")]
    public async Task Putting_a_product_that_is_not_on_sale_is_refused_with_404(string which)
    {
        var (_, shopper) = await TargetAsync();
        var productId = Guid.NewGuid();
        if (which == "archived")
        {
            var archived = await _api.CreateProductAsync(stock: 5);
            await _api.ArchiveAsync(archived.Id);
            productId = archived.Id;
        }
        var before = await CartAsync(shopper);

        var response = await Api.SendAsync(shopper.Client, HttpMethod.Put, $"/api/cart/items/{productId}", Valid);

        await response.RefusedAsync(HttpStatusCode.NotFound, $"{which} product");
        Assert.Equal(before, await CartAsync(shopper));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("<script>")]
    [InlineData("1%27%20OR%20%271%27%3D%271")]
    public async Task A_product_id_that_is_not_a_uuid_is_404(string productId)
    {
        var (_, shopper) = await TargetAsync();
        var before = await CartAsync(shopper);

        var response = await Api.SendAsync(shopper.Client, HttpMethod.Put, $"/api/cart/items/{productId}", Valid);

        await response.RefusedAsync(HttpStatusCode.NotFound, productId);
        Assert.Equal(before, await CartAsync(shopper));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var (product, shopper) = await TargetAsync();
        var before = await CartAsync(shopper);
        var body = BadBodies.With(Valid, "padding", JsonValue.Create(new string('a', 300 * 1024)));

        var response = await Api.SendAsync(shopper.Client, HttpMethod.Put, $"/api/cart/items/{product.Id}", body);

        await response.RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "a body over 256 KiB");
        Assert.Equal(before, await CartAsync(shopper));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_so_a_client_cannot_set_the_price()
    {
        var (product, shopper) = await TargetAsync();

        var response = await Api.SendAsync(shopper.Client, HttpMethod.Put, $"/api/cart/items/{product.Id}", """{"quantity":2,"unitPrice":0.01,"lineTotal":0}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = (await response.Json()).GetProperty("items")[0];
        Assert.Equal(product.Price, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(product.Price * 2, line.GetProperty("lineTotal").GetDecimal());
    }
}

public sealed class RefusingBadCartChangesOnSqlite(SqliteShop shop) : RefusingBadCartChanges(shop), IClassFixture<SqliteShop>;

public sealed class RefusingBadCartChangesOnPostgres(PostgresShop shop) : RefusingBadCartChanges(shop), IClassFixture<PostgresShop>;
