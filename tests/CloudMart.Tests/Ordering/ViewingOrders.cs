namespace CloudMart.Tests.Ordering;

/// <summary>Customers see their own orders, newest first; support and admins see everyone's and filter them.</summary>
public abstract class ViewingOrders(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static Guid Id(JsonElement order) => order.GetProperty("id").GetGuid();

    private static Guid[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(Id).ToArray();

    private static async Task<JsonElement> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/orders{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    [Fact]
    public async Task A_customer_lists_their_own_orders_newest_first()
    {
        var product = await _api.CreateProductAsync(stock: 20);
        var customer = await _api.CustomerAsync();
        var other = await _api.CustomerAsync();
        var first = await Api.PlacedOrderAsync(customer.Client, (product.Id, 1));
        var second = await Api.PlacedOrderAsync(customer.Client, (product.Id, 2));
        await Api.PlacedOrderAsync(other.Client, (product.Id, 1));
        var third = await Api.PlacedOrderAsync(customer.Client, (product.Id, 3));

        var page = await ListAsync(customer.Client);

        Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
        Assert.Equal([Id(third), Id(second), Id(first)], Ids(page));
        Assert.All(page.GetProperty("items").EnumerateArray(), o => Assert.Equal(customer.Id, o.GetProperty("customerId").GetGuid()));
        var paged = await ListAsync(customer.Client, "?page=2&pageSize=2");
        Assert.Equal([Id(first)], Ids(paged));
    }

    [Fact]
    public async Task A_listed_order_has_every_field_of_the_contract()
    {
        var product = await _api.CreateProductAsync(stock: 5, price: 20m);
        var customer = await _api.CustomerAsync();
        await Api.PlacedOrderAsync(customer.Client, (product.Id, 3));

        var order = (await ListAsync(customer.Client)).GetProperty("items")[0];

        foreach (var field in new[] { "id", "number", "customerId", "status", "items", "subtotal", "shippingCost", "tax", "total", "currency", "shippingAddress", "createdAt", "updatedAt", "history" })
        {
            Assert.True(order.TryGetProperty(field, out _), $"Order lacks {field}");
        }
        Assert.Equal(60m, order.GetProperty("subtotal").GetDecimal());
        Assert.Equal(0m, order.GetProperty("shippingCost").GetDecimal()); // from the free-shipping threshold on
        var address = order.GetProperty("shippingAddress");
        Assert.Equal("Ada Shopper", address.GetProperty("name").GetString());
        Assert.Equal("12 Harbour Road", address.GetProperty("line1").GetString());
        Assert.Equal("Portland", address.GetProperty("city").GetString());
        Assert.Equal("97201", address.GetProperty("postalCode").GetString());
        Assert.Equal("US", address.GetProperty("country").GetString());
        var change = order.GetProperty("history")[0];
        Assert.Equal("Placed", change.GetProperty("status").GetString());
        Assert.True(change.TryGetProperty("at", out _));
        Assert.True(change.TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task A_customer_cannot_widen_their_list_with_a_customerId()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var customer = await _api.CustomerAsync();
        var other = await _api.CustomerAsync();
        await Api.PlacedOrderAsync(other.Client, (product.Id, 1));

        var page = await ListAsync(customer.Client, $"?customerId={other.Id}");

        Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Support_and_admin_see_every_customers_orders_and_filter_by_customer()
    {
        var product = await _api.CreateProductAsync(stock: 20);
        var alice = await _api.CustomerAsync();
        var bob = await _api.CustomerAsync();
        var alices = await Api.PlacedOrderAsync(alice.Client, (product.Id, 1));
        var bobs = await Api.PlacedOrderAsync(bob.Client, (product.Id, 1));
        var support = await _api.SharedSupportAsync();
        var admin = await _api.SharedAdminAsync();

        foreach (var staff in new[] { support.Client, admin })
        {
            var everyone = await ListAsync(staff, "?pageSize=100");
            Assert.Contains(Id(alices), Ids(everyone));
            Assert.Contains(Id(bobs), Ids(everyone));
            Assert.Equal([Id(alices)], Ids(await ListAsync(staff, $"?customerId={alice.Id}")));
            Assert.Equal([Id(bobs)], Ids(await ListAsync(staff, $"?customerId={bob.Id}")));
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/orders/{Id(alices)}")).StatusCode);
        }
    }

    [Fact]
    public async Task Staff_filter_orders_by_status()
    {
        var product = await _api.CreateProductAsync(stock: 20);
        var customer = await _api.CustomerAsync();
        var kept = await Api.PlacedOrderAsync(customer.Client, (product.Id, 1));
        var cancelled = await Api.PlacedOrderAsync(customer.Client, (product.Id, 1));
        Assert.Equal(HttpStatusCode.OK, (await customer.Client.PostAsJsonAsync($"/api/orders/{Id(cancelled)}/cancel", new { })).StatusCode);
        var support = await _api.SharedSupportAsync();

        var cancelledOnes = await ListAsync(support.Client, $"?customerId={customer.Id}&status=cancelled");

        Assert.Equal([Id(cancelled)], Ids(cancelledOnes));
        Assert.Equal([Id(cancelled)], Ids(await ListAsync(customer.Client, "?status=Cancelled")));
        Assert.Equal(0, (await ListAsync(support.Client, $"?customerId={customer.Id}&status=Delivered")).GetProperty("totalCount").GetInt32());
        // The kept order is Placed, or Confirmed once a payment workflow has run: whichever list it is in, it is alone there.
        foreach (var status in new[] { "Placed", "Confirmed", "Cancelled" })
        {
            var listed = await ListAsync(support.Client, $"?customerId={customer.Id}&status={status}");
            Assert.All(listed.GetProperty("items").EnumerateArray(), o => Assert.Equal(status, o.GetProperty("status").GetString()));
            Assert.DoesNotContain(status == "Cancelled" ? Id(kept) : Id(cancelled), Ids(listed));
        }
    }

    [Theory]
    [InlineData("Lost")]
    [InlineData("1")]
    [InlineData("Placed,Cancelled")]
    public async Task An_unknown_status_filter_is_refused_with_400(string status)
    {
        var support = await _api.SharedSupportAsync();

        var response = await support.Client.GetAsync($"/api/orders?status={Uri.EscapeDataString(status)}");

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
    }

    [Theory]
    [InlineData("?customerId=someone")]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=101")]
    [InlineData("?page=zero")]
    public async Task Unreadable_or_out_of_range_list_parameters_are_refused_with_400(string query)
    {
        var admin = await _api.SharedAdminAsync();

        await (await admin.GetAsync($"/api/orders{query}")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Listing_orders_requires_signing_in()
    {
        await (await _api.Anonymous().GetAsync("/api/orders")).Problem(HttpStatusCode.Unauthorized);
        await (await _api.Anonymous().GetAsync($"/api/orders/{Guid.NewGuid()}")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_order_is_404_even_for_staff()
    {
        var admin = await _api.SharedAdminAsync();

        await (await admin.GetAsync($"/api/orders/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class ViewingOrdersOnSqlite(SqliteShop shop) : ViewingOrders(shop), IClassFixture<SqliteShop>;

public sealed class ViewingOrdersOnPostgres(PostgresShop shop) : ViewingOrders(shop), IClassFixture<PostgresShop>;
