using System.Text.Json.Nodes;

namespace CloudMart.Tests.BadInput;

/// <summary>POST /api/inventory/{sku}/adjustments refuses every kind of bad input with a 4xx problem; stock and its history stay as they were.</summary>
public abstract class RefusingBadStockAdjustments(ShopFactory shop)
{
    public const string Valid = """{"delta":5,"reason":"Delivery from the supplier"}""";

    public static TheoryData<string, string> Cases => BadBodies.Malformed()
        .Concat(BadBodies.HostileStrings(Valid, "reason"))
        .Concat(BadBodies.WrongTypes(Valid, ["delta"], ["reason"]))
        .Concat(BadBodies.UnreadableIntegers(Valid, "delta"))
        .Concat(BadBodies.Values(Valid, "delta", 0, 1_000_001, -1_000_001, int.MaxValue, int.MinValue, null))
        .Concat(BadBodies.Values(Valid, "reason", "", "  ", "ok", null))
        .Concat(BadBodies.Missing(Valid, "delta", "reason"))
        .ToTheoryData();

    private readonly Api _api = shop.Api();

    private sealed record Snapshot(int OnHand, int Reserved, int Adjustments);

    private Task<TestProduct> TargetAsync() => _api.SharedAsync("bad-adjustments", () => _api.CreateProductAsync(stock: 20));

    private async Task<Snapshot> SnapshotAsync(TestProduct product)
    {
        var stock = await _api.StockOfAsync(product.Sku);
        var history = await Api.TotalCountAsync(await _api.SharedAdminAsync(), $"/api/inventory/{product.Sku}/adjustments");
        return new Snapshot(stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32(), history);
    }

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(RefusingBadStockAdjustments))]
    public async Task A_bad_adjustment_is_refused_with_400_and_stock_is_unchanged(string badInput, string body)
    {
        var product = await TargetAsync();
        var admin = await _api.SharedAdminAsync();
        var before = await SnapshotAsync(product);

        var response = await Api.SendAsync(admin, HttpMethod.Post, $"/api/inventory/{product.Sku}/adjustments", body);

        await response.RefusedAsync(HttpStatusCode.BadRequest, badInput);
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var product = await TargetAsync();
        var admin = await _api.SharedAdminAsync();
        var before = await SnapshotAsync(product);

        var response = await Api.SendAsync(admin, HttpMethod.Post, $"/api/inventory/{product.Sku}/adjustments", Refusals.Oversized(Valid, "reason"));

        await response.RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "a body over 256 KiB");
        Assert.Equal(before, await SnapshotAsync(product));
    }

    [Theory]
    [InlineData("NO-SUCH-SKU")]
    [InlineData("x'; DROP TABLE catalog_products; --")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Adjusting_an_unknown_sku_is_404(string sku)
    {
        await TargetAsync();
        var admin = await _api.SharedAdminAsync();

        var response = await Api.SendAsync(admin, HttpMethod.Post, $"/api/inventory/{Uri.EscapeDataString(sku)}/adjustments", Valid);

        await response.RefusedAsync(HttpStatusCode.NotFound, sku);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_so_a_client_cannot_set_on_hand_or_the_actor()
    {
        var product = await TargetAsync();
        var admin = await _api.SharedAdminAsync();
        var before = await SnapshotAsync(product);
        var body = JsonNode.Parse(Valid)!.AsObject();
        body["onHand"] = 1_000_000;
        body["actorId"] = Guid.NewGuid().ToString();

        var response = await Api.SendAsync(admin, HttpMethod.Post, $"/api/inventory/{product.Sku}/adjustments", body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.OnHand + 5, (await response.Json()).GetProperty("onHand").GetInt32());
        var latest = (await (await admin.GetAsync($"/api/inventory/{product.Sku}/adjustments")).Json()).GetProperty("items")[0];
        Assert.Equal(await _api.IdOfAsync(admin), latest.GetProperty("actorId").GetGuid());
    }
}

public sealed class RefusingBadStockAdjustmentsOnSqlite(SqliteShop shop) : RefusingBadStockAdjustments(shop), IClassFixture<SqliteShop>;

public sealed class RefusingBadStockAdjustmentsOnPostgres(PostgresShop shop) : RefusingBadStockAdjustments(shop), IClassFixture<PostgresShop>;
