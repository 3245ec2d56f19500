namespace CloudMart.Tests.Cart;

/// <summary>A signed-in customer's cart, priced from the catalog, and checking it out.</summary>
public abstract class ShoppingCart(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static async Task<JsonElement> SetAsync(Customer customer, Guid productId, int quantity)
    {
        var response = await customer.Client.PutAsJsonAsync($"/api/cart/items/{productId}", new { quantity });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static async Task<JsonElement> CartAsync(Customer customer)
    {
        var response = await customer.Client.GetAsync("/api/cart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    [Fact]
    public async Task A_new_customers_cart_is_empty()
    {
        var customer = await _api.CustomerAsync();

        var cart = await CartAsync(customer);

        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(0m, cart.GetProperty("subtotal").GetDecimal());
        Assert.Equal("USD", cart.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Putting_a_quantity_adds_the_product_and_putting_again_changes_it()
    {
        var product = await _api.CreateProductAsync(stock: 10, price: 4.25m);
        var customer = await _api.CustomerAsync();

        var added = await SetAsync(customer, product.Id, 2);
        var changed = await SetAsync(customer, product.Id, 5);

        var line = Assert.Single(added.GetProperty("items").EnumerateArray());
        Assert.Equal(product.Id, line.GetProperty("productId").GetGuid());
        Assert.Equal(product.Sku, line.GetProperty("sku").GetString());
        Assert.Equal($"Test product {product.Sku}", line.GetProperty("name").GetString());
        Assert.Equal(4.25m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(8.50m, line.GetProperty("lineTotal").GetDecimal());
        var changedLine = Assert.Single(changed.GetProperty("items").EnumerateArray());
        Assert.Equal(5, changedLine.GetProperty("quantity").GetInt32());
        Assert.Equal(21.25m, changedLine.GetProperty("lineTotal").GetDecimal());
        Assert.Equal(21.25m, (await CartAsync(customer)).GetProperty("subtotal").GetDecimal());
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task The_subtotal_adds_up_every_line_total()
    {
        var mug = await _api.CreateProductAsync(stock: 10, price: 12.50m);
        var plate = await _api.CreateProductAsync(stock: 10, price: 3.99m);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, mug.Id, 2);
        await SetAsync(customer, plate.Id, 3);

        var cart = await CartAsync(customer);

        var lines = cart.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([mug.Id, plate.Id], lines.Select(l => l.GetProperty("productId").GetGuid()).ToArray());
        Assert.Equal([25.00m, 11.97m], lines.Select(l => l.GetProperty("lineTotal").GetDecimal()).ToArray());
        Assert.Equal(36.97m, cart.GetProperty("subtotal").GetDecimal());
        Assert.Equal("USD", cart.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task The_cart_is_priced_at_todays_price()
    {
        var product = await _api.CreateProductAsync(stock: 10, price: 10m);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, product.Id, 2);
        var admin = await _api.SharedAdminAsync();
        var revised = await admin.PutAsJsonAsync($"/api/catalog/products/{product.Id}", new
        {
            sku = product.Sku, name = "Repriced product", description = "Cheaper now.", price = 7.5m, categorySlug = "general",
        });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);

        var cart = await CartAsync(customer);

        Assert.Equal(7.5m, cart.GetProperty("items")[0].GetProperty("unitPrice").GetDecimal());
        Assert.Equal(15m, cart.GetProperty("subtotal").GetDecimal());
    }

    [Fact]
    public async Task Putting_zero_removes_the_product()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, product.Id, 3);

        var removed = await SetAsync(customer, product.Id, 0);

        Assert.Empty(removed.GetProperty("items").EnumerateArray());
        Assert.Empty((await CartAsync(customer)).GetProperty("items").EnumerateArray());
        Assert.Empty((await SetAsync(customer, product.Id, 0)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task A_negative_or_absurd_quantity_is_refused_with_400_and_leaves_the_cart_alone(int quantity)
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, product.Id, 2);

        var response = await customer.Client.PutAsJsonAsync($"/api/cart/items/{product.Id}", new { quantity });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.Equal(2, (await CartAsync(customer)).GetProperty("items")[0].GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task The_largest_allowed_quantity_is_a_thousand()
    {
        var product = await _api.CreateProductAsync(stock: 1);
        var customer = await _api.CustomerAsync();

        var cart = await SetAsync(customer, product.Id, 1000);

        Assert.Equal(1000, cart.GetProperty("items")[0].GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Putting_an_unknown_product_is_404()
    {
        var customer = await _api.CustomerAsync();

        var response = await customer.Client.PutAsJsonAsync($"/api/cart/items/{Guid.NewGuid()}", new { quantity = 1 });

        await response.Problem(HttpStatusCode.NotFound);
        Assert.Empty((await CartAsync(customer)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Deleting_an_item_removes_only_that_product_with_204()
    {
        var keep = await _api.CreateProductAsync(stock: 10);
        var drop = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, keep.Id, 1);
        await SetAsync(customer, drop.Id, 1);

        var response = await customer.Client.DeleteAsync($"/api/cart/items/{drop.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var line = Assert.Single((await CartAsync(customer)).GetProperty("items").EnumerateArray());
        Assert.Equal(keep.Id, line.GetProperty("productId").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, (await customer.Client.DeleteAsync($"/api/cart/items/{drop.Id}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_cart_empties_it_with_204()
    {
        var a = await _api.CreateProductAsync(stock: 10);
        var b = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, a.Id, 1);
        await SetAsync(customer, b.Id, 4);

        var response = await customer.Client.DeleteAsync("/api/cart");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cart = await CartAsync(customer);
        Assert.Empty(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(0m, cart.GetProperty("subtotal").GetDecimal());
    }

    [Fact]
    public async Task Each_customer_has_a_cart_of_their_own()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var alice = await _api.CustomerAsync();
        var bob = await _api.CustomerAsync();
        await SetAsync(alice, product.Id, 3);

        Assert.Empty((await CartAsync(bob)).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Client.DeleteAsync("/api/cart")).StatusCode);
        Assert.Single((await CartAsync(alice)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_cart_requires_signing_in()
    {
        var anonymous = _api.Anonymous();
        var productId = Guid.NewGuid();

        await (await anonymous.GetAsync("/api/cart")).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsJsonAsync($"/api/cart/items/{productId}", new { quantity = 1 })).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"/api/cart/items/{productId}")).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync("/api/cart")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Placing_an_order_without_items_checks_out_the_cart_and_empties_it()
    {
        var mug = await _api.CreateProductAsync(stock: 10, price: 12.50m);
        var plate = await _api.CreateProductAsync(stock: 10, price: 3m);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, mug.Id, 2);
        await SetAsync(customer, plate.Id, 4);

        var response = await Api.PlaceOrderAsync(customer.Client, items: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Json();
        var lines = order.GetProperty("items").EnumerateArray().ToDictionary(l => l.GetProperty("productId").GetGuid(), l => l.GetProperty("quantity").GetInt32());
        Assert.Equal(new Dictionary<Guid, int> { [mug.Id] = 2, [plate.Id] = 4 }, lines);
        Assert.Equal(37m, order.GetProperty("subtotal").GetDecimal());
        Assert.Empty((await CartAsync(customer)).GetProperty("items").EnumerateArray());
        Assert.Equal(2, (await _api.StockOfAsync(mug.Sku)).GetProperty("reserved").GetInt32());
        Assert.Equal(4, (await _api.StockOfAsync(plate.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task After_a_checkout_the_cart_takes_products_again()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, product.Id, 2);
        Assert.Equal(HttpStatusCode.Created, (await Api.PlaceOrderAsync(customer.Client, items: null)).StatusCode);

        var cart = await SetAsync(customer, product.Id, 1);

        Assert.Equal(1, Assert.Single(cart.GetProperty("items").EnumerateArray()).GetProperty("quantity").GetInt32());
        await (await Api.PlaceOrderAsync(customer.Client, items: null)).Json();
        Assert.Empty((await CartAsync(customer)).GetProperty("items").EnumerateArray());
        Assert.Equal(3, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Checking_out_an_empty_cart_is_refused_with_400()
    {
        var customer = await _api.CustomerAsync();
        var before = await _api.OrderCountAsync();

        var response = await Api.PlaceOrderAsync(customer.Client, items: null);

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items", out _));
        Assert.Equal(before, await _api.OrderCountAsync());
    }

    [Fact]
    public async Task A_cart_checkout_short_of_stock_reserves_nothing_and_keeps_the_cart()
    {
        var plenty = await _api.CreateProductAsync(stock: 10);
        var scarce = await _api.CreateProductAsync(stock: 1);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, plenty.Id, 2);
        await SetAsync(customer, scarce.Id, 3);

        var response = await Api.PlaceOrderAsync(customer.Client, items: null);

        var problem = await response.Problem(HttpStatusCode.Conflict);
        Assert.Equal([scarce.Sku], problem.GetProperty("skus").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(2, (await CartAsync(customer)).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await _api.StockOfAsync(plenty.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Placing_an_order_with_items_leaves_the_cart_alone()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        await SetAsync(customer, product.Id, 2);

        await Api.PlacedOrderAsync(customer.Client, (product.Id, 1));

        Assert.Equal(2, (await CartAsync(customer)).GetProperty("items")[0].GetProperty("quantity").GetInt32());
    }
}

public sealed class ShoppingCartOnSqlite(SqliteShop shop) : ShoppingCart(shop), IClassFixture<SqliteShop>;

public sealed class ShoppingCartOnPostgres(PostgresShop shop) : ShoppingCart(shop), IClassFixture<PostgresShop>;
