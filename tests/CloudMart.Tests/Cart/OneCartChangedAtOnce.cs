using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CloudMart.Tests.Cart;

/// <summary>
/// Many changes to one cart at the same moment (two tabs, the assistant and the shop, a script): every change lands,
/// none is lost to another's read-modify-write, and the cart's limits hold exactly.
/// </summary>
public abstract class OneCartChangedAtOnce(ShopFactory shop) : IAsyncLifetime
{
    private readonly Api _api = shop.Api();
    private readonly List<McpClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    private static Task<HttpResponseMessage> PutAsync(Customer customer, Guid productId, int quantity) =>
        customer.Client.PutAsJsonAsync($"/api/cart/items/{productId}", new { quantity });

    private static async Task<Dictionary<Guid, int>> LinesAsync(Customer customer)
    {
        var response = await customer.Client.GetAsync("/api/cart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Json()).GetProperty("items").EnumerateArray()
            .ToDictionary(l => l.GetProperty("productId").GetGuid(), l => l.GetProperty("quantity").GetInt32());
    }

    /// <summary>Products to put in carts, made a few at a time (the first alone: it creates their category).</summary>
    private async Task<TestProduct[]> ProductsAsync(int count)
    {
        var products = new List<TestProduct> { await _api.CreateProductAsync(stock: 5, price: 2m) };
        products.AddRange(await InBatchesAsync(Enumerable.Range(1, count - 1), _ => _api.CreateProductAsync(stock: 5, price: 2m)));
        return [.. products];
    }

    /// <summary>
    /// Set-up that is not the point of a test, eight requests at a time: the DynamoDB emulator answers one request
    /// at a time, and a hundred requests queued at once would each wait out their client's timeout.
    /// </summary>
    private static async Task<List<T>> InBatchesAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, Task<T>> action)
    {
        var results = new List<T>();
        foreach (var batch in items.Chunk(8))
        {
            results.AddRange(await Task.WhenAll(batch.Select(action)));
        }
        return results;
    }

    /// <summary>The assistant's "add to cart", over MCP: it adds to what the cart holds.</summary>
    private async Task<string> AddThroughTheAssistantAsync(Customer customer, Guid productId, int quantity)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(customer.Client.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            customer.Client, loggerFactory: null, ownsHttpClient: false);
        var client = await McpClient.CreateAsync(transport);
        lock (_clients)
        {
            _clients.Add(client);
        }
        var result = await client.CallToolAsync("add_to_cart", new Dictionary<string, object?> { ["product"] = productId.ToString(), ["quantity"] = quantity });
        Assert.NotEqual(true, result.IsError);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    }

    [Fact]
    public async Task Twenty_products_put_in_one_cart_at_once_make_twenty_lines()
    {
        var products = await ProductsAsync(20);
        var customer = await _api.CustomerAsync();

        var responses = await Task.WhenAll(products.Select((p, i) => PutAsync(customer, p.Id, i + 1)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var lines = await LinesAsync(customer);
        Assert.Equal(products.Select((p, i) => (p.Id, i + 1)).OrderBy(l => l.Id), lines.Select(l => (l.Key, l.Value)).OrderBy(l => l.Key));
    }

    [Fact]
    public async Task Changes_to_every_line_of_one_cart_at_once_all_land()
    {
        var products = await ProductsAsync(20);
        var customer = await _api.CustomerAsync();
        foreach (var product in products)
        {
            Assert.Equal(HttpStatusCode.OK, (await PutAsync(customer, product.Id, 1)).StatusCode);
        }

        // Half the lines change quantity, a quarter go, a quarter stay: all at once.
        var responses = await Task.WhenAll(products.Select((p, i) => (p, i)).Where(l => l.i % 4 != 1).Select(l => l.i % 4 == 3
            ? customer.Client.DeleteAsync($"/api/cart/items/{l.p.Id}")
            : PutAsync(customer, l.p.Id, 10 + l.i)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        var expected = products.Select((p, i) => (p.Id, Quantity: i % 2 == 0 ? 10 + i : 1, Kept: i % 4 != 3)).Where(l => l.Kept)
            .ToDictionary(l => l.Id, l => l.Quantity);
        Assert.Equal(expected.OrderBy(l => l.Key), (await LinesAsync(customer)).OrderBy(l => l.Key));
    }

    [Fact]
    public async Task Adds_of_one_product_at_once_add_up()
    {
        var product = await _api.CreateProductAsync(stock: 500);
        var customer = await _api.CustomerAsync();

        await Task.WhenAll(Enumerable.Range(1, 12).Select(q => AddThroughTheAssistantAsync(customer, product.Id, q)));

        Assert.Equal(78, (await LinesAsync(customer))[product.Id]); // 1 + 2 + … + 12: no add lost to another
    }

    [Fact]
    public async Task Adds_at_once_that_would_go_over_a_thousand_are_refused_and_only_those()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var customer = await _api.CustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(customer, product.Id, 950)).StatusCode);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AddThroughTheAssistantAsync(customer, product.Id, 30)));

        Assert.Equal(980, (await LinesAsync(customer))[product.Id]);
        Assert.Equal(3, answers.Count(a => a.Contains("at most 1000 of one product", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_full_cart_takes_exactly_one_of_several_new_products_offered_at_once()
    {
        var products = await ProductsAsync(104);
        var customer = await _api.CustomerAsync();
        var first = await InBatchesAsync(products.Take(99), p => PutAsync(customer, p.Id, 1));
        Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var last = await Task.WhenAll(products.Skip(99).Select(p => PutAsync(customer, p.Id, 1)));

        Assert.Single(last, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in last.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await refused.Problem(HttpStatusCode.BadRequest);
            Assert.Contains("at most 100 different products", problem.GetProperty("errors").GetProperty("productId")[0].GetString(), StringComparison.Ordinal);
        }
        var lines = await LinesAsync(customer);
        Assert.Equal(100, lines.Count);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(customer, products[0].Id, 7)).StatusCode); // a full cart still changes its own lines
        Assert.Equal(7, (await LinesAsync(customer))[products[0].Id]);
    }
}

public sealed class OneCartChangedAtOnceOnSqlite(SqliteShop shop) : OneCartChangedAtOnce(shop), IClassFixture<SqliteShop>;

public sealed class OneCartChangedAtOnceOnPostgres(PostgresShop shop) : OneCartChangedAtOnce(shop), IClassFixture<PostgresShop>;
