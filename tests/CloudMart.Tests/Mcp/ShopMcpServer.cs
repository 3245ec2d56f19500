using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CloudMart.Tests.Mcp;

/// <summary>
/// The MCP server at /mcp, driven by the MCP SDK's own client over HTTP: it offers the assistant's shop tools, needs
/// the API's bearer token and acts as that token's user, never as anyone else.
/// </summary>
public abstract class ShopMcpServer(ShopFactory shop) : IAsyncLifetime
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

    private async Task<McpClient> ConnectAsync(HttpClient http)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            http, loggerFactory: null, ownsHttpClient: false);
        var client = await McpClient.CreateAsync(transport);
        _clients.Add(client);
        return client;
    }

    private static async Task<string> CallAsync(McpClient client, string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await client.CallToolAsync(tool, arguments ?? []);
        Assert.NotEqual(true, result.IsError);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    }

    [Fact]
    public async Task Without_a_bearer_token_the_server_answers_401()
    {
        var response = await _api.Anonymous().PostAsync("/mcp", Api.RawJson("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(_api.Anonymous()));
    }

    [Fact]
    public async Task A_signed_in_client_sees_the_product_cart_and_order_tools()
    {
        var client = await ConnectAsync((await _api.SharedCustomerAsync()).Client);

        var tools = await client.ListToolsAsync();

        Assert.Equal(
            ["add_to_cart", "get_order_status", "get_product_details", "list_my_orders", "search_products", "show_cart"],
            tools.Select(t => t.Name).Order());
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        Assert.True(tools.Single(t => t.Name == "search_products").ProtocolTool.Annotations?.ReadOnlyHint);
        Assert.False(tools.Single(t => t.Name == "add_to_cart").ProtocolTool.Annotations?.ReadOnlyHint);
    }

    [Fact]
    public async Task Searching_finds_products_on_sale_by_their_words_and_details_follow()
    {
        var name = $"Zephyrite Trail Lantern {Guid.NewGuid().ToString("N")[..6]}";
        var product = await _api.NamedProductAsync(name, stock: 4, price: 31.50m, category: "outdoor");
        var client = await ConnectAsync((await _api.SharedCustomerAsync()).Client);

        var found = await CallAsync(client, "search_products", new() { ["query"] = "zephyrite lantern" });
        var details = await CallAsync(client, "get_product_details", new() { ["product"] = product.Id.ToString() });

        Assert.Contains(name, found, StringComparison.Ordinal);
        Assert.Contains(name, details, StringComparison.Ordinal);
        Assert.Contains("31.5", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_to_the_cart_changes_the_token_users_own_cart()
    {
        var product = await _api.CreateProductAsync(stock: 10, price: 12m);
        var customer = await _api.CustomerAsync();
        var client = await ConnectAsync(customer.Client);

        await CallAsync(client, "add_to_cart", new() { ["product"] = product.Id.ToString(), ["quantity"] = 2 });

        var cart = await (await customer.Client.GetAsync("/api/cart")).Json();
        var line = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(product.Id, line.GetProperty("productId").GetGuid());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Contains(product.Sku, await CallAsync(client, "show_cart"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_sees_the_status_of_their_own_order_but_never_another_customers()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var owner = await _api.CustomerAsync();
        var stranger = await _api.CustomerAsync();
        var number = (await Api.PlacedOrderAsync(owner.Client, (product.Id, 1))).GetProperty("number").GetString()!;

        var ownersView = await CallAsync(await ConnectAsync(owner.Client), "get_order_status", new() { ["orderNumber"] = number });
        var strangersClient = await ConnectAsync(stranger.Client);
        var strangersView = await CallAsync(strangersClient, "get_order_status", new() { ["orderNumber"] = number });
        var strangersList = await CallAsync(strangersClient, "list_my_orders");

        Assert.Contains(number, ownersView, StringComparison.Ordinal);
        Assert.Contains("Placed", ownersView, StringComparison.Ordinal);
        Assert.Contains($"You have no order {number}", strangersView, StringComparison.Ordinal);
        Assert.DoesNotContain("Placed", strangersView, StringComparison.Ordinal);
        Assert.DoesNotContain(number, strangersList, StringComparison.Ordinal);
        Assert.Contains(number, await CallAsync(await ConnectAsync(owner.Client), "list_my_orders"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_get_a_clear_answer_and_change_nothing()
    {
        var customer = await _api.CustomerAsync();
        var client = await ConnectAsync(customer.Client);

        var refused = await CallAsync(client, "add_to_cart", new() { ["product"] = "anything", ["quantity"] = 5000 });

        Assert.Contains("quantity must be between 1 and 100", refused, StringComparison.Ordinal);
        Assert.Empty((await (await customer.Client.GetAsync("/api/cart")).Json()).GetProperty("items").EnumerateArray());
    }
}

public sealed class ShopMcpServerOnSqlite(SqliteShop shop) : ShopMcpServer(shop), IClassFixture<SqliteShop>;

public sealed class ShopMcpServerOnPostgres(PostgresShop shop) : ShopMcpServer(shop), IClassFixture<PostgresShop>;
