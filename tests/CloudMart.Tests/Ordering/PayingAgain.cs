using CloudMart.Tests.Pipeline;

namespace CloudMart.Tests.Ordering;

/// <summary>
/// A declined order is paid again on the same order (POST /api/orders/{id}/retry-payment) or put back in the cart
/// (POST /api/orders/{id}/put-back-in-cart), with the payment workflow running as in production.
/// </summary>
public abstract class PayingAgain(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task A_declined_order_paid_again_with_a_good_card_is_confirmed_with_its_stock_reserved_again()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (product, 2));
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());

        var response = await RetryAsync(buyer.Client, id, "tok_visa");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retried = await response.Json();
        Assert.Equal(id, retried.GetProperty("id").GetGuid());
        Assert.Equal(2, retried.GetProperty("paymentAttempt").GetInt32());
        var order = await WaitForStatusAsync(buyer.Client, id, "Confirmed");
        Assert.Equal(["Placed", "PaymentFailed", "Placed", "Confirmed"], Statuses(order));
        Assert.Contains("Payment attempt 2", order.GetProperty("history")[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var stock = await _api.StockOfAsync(product.Sku);
        Assert.Equal(2, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(3, stock.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task A_second_decline_is_a_new_payment_attempt_that_fails_again_and_releases_the_stock_again()
    {
        var product = await _api.CreateProductAsync(stock: 4);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (product, 1));

        Assert.Equal(HttpStatusCode.OK, (await RetryAsync(buyer.Client, id, "tok_chargeDeclined")).StatusCode);

        // The payment handler's inbox is per event: the new attempt's event is authorised, not taken for the first.
        var order = await WaitForHistoryAsync(buyer.Client, id, 4);
        Assert.Equal(["Placed", "PaymentFailed", "Placed", "PaymentFailed"], Statuses(order));
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Paying_again_when_stock_is_gone_is_refused_naming_the_skus_and_changes_nothing()
    {
        var plenty = await _api.CreateProductAsync(stock: 10);
        var scarce = await _api.CreateProductAsync(stock: 3);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (plenty, 2), (scarce, 2));
        // Someone else buys the scarce product meanwhile.
        var other = await _api.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.PlaceOrderAsync(other.Client, [(scarce.Id, 2)])).StatusCode);

        var problem = await (await RetryAsync(buyer.Client, id, "tok_visa")).Problem(HttpStatusCode.Conflict);

        Assert.Equal([scarce.Sku], problem.GetProperty("skus").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Contains(scarce.Sku, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var order = await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json();
        Assert.Equal("PaymentFailed", order.GetProperty("status").GetString());
        Assert.Equal(1, order.GetProperty("paymentAttempt").GetInt32());
        Assert.Equal(2, order.GetProperty("history").GetArrayLength());
        Assert.Equal(0, (await _api.StockOfAsync(plenty.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task A_double_submitted_retry_with_one_idempotency_key_makes_one_attempt_and_answers_both_alike()
    {
        var product = await _api.CreateProductAsync(stock: 6);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (product, 3));
        var key = "retry-" + Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RetryAsync(buyer.Client, id, "tok_visa", key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        var order = await WaitForStatusAsync(buyer.Client, id, "Confirmed");
        Assert.Equal(2, order.GetProperty("paymentAttempt").GetInt32());
        Assert.Equal(["Placed", "PaymentFailed", "Placed", "Confirmed"], Statuses(order));
        Assert.Equal(3, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Concurrent_retries_without_a_key_make_one_attempt_and_the_others_are_told_it_is_under_way()
    {
        var product = await _api.CreateProductAsync(stock: 6);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (product, 3));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RetryAsync(buyer.Client, id, "tok_visa")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.Problem(HttpStatusCode.Conflict);
        }
        var order = await WaitForStatusAsync(buyer.Client, id, "Confirmed");
        Assert.Equal(2, order.GetProperty("paymentAttempt").GetInt32());
        Assert.Equal(3, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Only_the_orders_customer_may_pay_it_again_everyone_else_is_told_it_does_not_exist()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (product, 1));
        var stranger = await _api.CustomerAsync();
        var support = await _api.SharedSupportAsync();

        await (await RetryAsync(stranger.Client, id, "tok_visa")).Problem(HttpStatusCode.NotFound);
        await (await RetryAsync(support.Client, id, "tok_visa")).Problem(HttpStatusCode.NotFound);
        await (await RetryAsync(await _api.SharedAdminAsync(), id, "tok_visa")).Problem(HttpStatusCode.NotFound);
        await (await RetryAsync(_api.Anonymous(), id, "tok_visa")).Problem(HttpStatusCode.Unauthorized);
        await (await stranger.Client.PostAsync($"/api/orders/{id}/put-back-in-cart", null)).Problem(HttpStatusCode.NotFound);

        var order = await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json();
        Assert.Equal("PaymentFailed", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_a_declined_order_can_be_paid_again_and_a_bad_token_is_a_validation_problem()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var buyer = await _api.CustomerAsync();
        var paid = await PlaceAsync(buyer, "tok_visa", (product, 1));
        await WaitForStatusAsync(buyer.Client, paid, "Confirmed");

        var problem = await (await RetryAsync(buyer.Client, paid, "tok_visa")).Problem(HttpStatusCode.Conflict);
        Assert.Contains("nothing to pay again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsJsonAsync($"/api/orders/{paid}/cancel", new { })).StatusCode);
        await (await RetryAsync(buyer.Client, paid, "tok_visa")).Problem(HttpStatusCode.Conflict);

        var declined = await DeclinedOrderAsync(buyer, (product, 1));
        var invalid = await (await RetryAsync(buyer.Client, declined, "tok visa; drop")).Problem(HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("paymentToken", out _));
        await (await buyer.Client.PostAsJsonAsync($"/api/orders/{declined}/retry-payment", new { })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(1, (await (await buyer.Client.GetAsync($"/api/orders/{declined}")).Json()).GetProperty("paymentAttempt").GetInt32());
    }

    [Fact]
    public async Task A_key_reused_for_another_card_is_refused()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (product, 1));
        var key = "retry-" + Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await RetryAsync(buyer.Client, id, "tok_chargeDeclined", key)).StatusCode);
        await WaitForHistoryAsync(buyer.Client, id, 4);

        await (await RetryAsync(buyer.Client, id, "tok_visa", key)).Problem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Putting_a_declined_order_back_in_the_cart_adds_what_is_available_and_names_what_is_not()
    {
        var plenty = await _api.CreateProductAsync(stock: 10);
        var scarce = await _api.CreateProductAsync(stock: 3);
        var archived = await _api.CreateProductAsync(stock: 5);
        var buyer = await _api.CustomerAsync();
        var id = await DeclinedOrderAsync(buyer, (plenty, 2), (scarce, 3), (archived, 1));
        var other = await _api.CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.PlaceOrderAsync(other.Client, [(scarce.Id, 2)])).StatusCode); // 1 left
        await _api.ArchiveAsync(archived.Id);

        var response = await buyer.Client.PostAsync($"/api/orders/{id}/put-back-in-cart", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Json();
        var added = result.GetProperty("added").EnumerateArray().ToDictionary(a => a.GetProperty("sku").GetString()!, a => a.GetProperty("quantity").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [plenty.Sku] = 2, [scarce.Sku] = 1 }, added);
        var notAdded = result.GetProperty("notAdded").EnumerateArray().ToDictionary(a => a.GetProperty("sku").GetString()!, a => a.GetProperty("reason").GetString()!);
        Assert.Equal(new[] { archived.Sku, scarce.Sku }.Order(), notAdded.Keys.Order());
        Assert.Contains("no longer on sale", notAdded[archived.Sku], StringComparison.Ordinal);
        Assert.Contains("Only 1 available", notAdded[scarce.Sku], StringComparison.Ordinal);
        var cart = await CartAsync(buyer.Client);
        Assert.Equal(new Dictionary<Guid, int> { [plenty.Id] = 2, [scarce.Id] = 1 }, cart);

        // Pressed twice, it adds nothing more: the cart already holds what the order held.
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsync($"/api/orders/{id}/put-back-in-cart", null)).StatusCode);
        Assert.Equal(cart, await CartAsync(buyer.Client));
    }

    [Fact]
    public async Task A_cancelled_order_can_be_put_back_in_the_cart_but_a_paid_one_cannot()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var buyer = await _api.CustomerAsync();
        var id = await PlaceAsync(buyer, "tok_visa", (product, 2));
        await WaitForStatusAsync(buyer.Client, id, "Confirmed");

        await (await buyer.Client.PostAsync($"/api/orders/{id}/put-back-in-cart", null)).Problem(HttpStatusCode.Conflict);
        Assert.Empty(await CartAsync(buyer.Client));

        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsJsonAsync($"/api/orders/{id}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsync($"/api/orders/{id}/put-back-in-cart", null)).StatusCode);
        Assert.Equal(new Dictionary<Guid, int> { [product.Id] = 2 }, await CartAsync(buyer.Client));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static Task<HttpResponseMessage> RetryAsync(HttpClient client, Guid orderId, string token, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/retry-payment") { Content = JsonContent.Create(new { paymentToken = token }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request);
    }

    private static async Task<Guid> PlaceAsync(Customer buyer, string token, params (TestProduct Product, int Quantity)[] lines)
    {
        var response = await Api.PlaceOrderAsync(buyer.Client, lines.Select(l => (l.Product.Id, l.Quantity)), paymentToken: token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> DeclinedOrderAsync(Customer buyer, params (TestProduct Product, int Quantity)[] lines)
    {
        var id = await PlaceAsync(buyer, "tok_chargeDeclined", lines);
        await WaitForStatusAsync(buyer.Client, id, "PaymentFailed");
        return id;
    }

    private static async Task<Dictionary<Guid, int>> CartAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/cart")).Json()).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("productId").GetGuid(), i => i.GetProperty("quantity").GetInt32());

    private static string[] Statuses(JsonElement order) =>
        order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()!).ToArray();

    internal static Task<JsonElement> WaitForStatusAsync(HttpClient client, Guid orderId, string status) =>
        WaitForAsync(client, orderId, o => o.GetProperty("status").GetString() == status, $"status {status}");

    private static Task<JsonElement> WaitForHistoryAsync(HttpClient client, Guid orderId, int changes) =>
        WaitForAsync(client, orderId, o => o.GetProperty("history").GetArrayLength() >= changes, $"{changes} status changes");

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Guid orderId, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement order;
        do
        {
            order = await (await client.GetAsync($"/api/orders/{orderId}")).Json();
            if (done(order))
            {
                return order;
            }
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Order {orderId} never reached {what}: {order}");
        return order;
    }
}

public sealed class PayingAgainOnSqlite(SqlitePipelineShop shop) : PayingAgain(shop), IClassFixture<SqlitePipelineShop>;

public sealed class PayingAgainOnPostgres(PostgresPipelineShop shop) : PayingAgain(shop), IClassFixture<PostgresPipelineShop>;
