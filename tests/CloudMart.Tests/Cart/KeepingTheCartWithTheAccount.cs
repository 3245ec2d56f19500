using CloudMart.Modules.Cart.Data;
using CloudMart.Tests.Web.Crawling;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Cart;

/// <summary>
/// A visitor's cart joins the account's when they sign in, and a closed account's cart is forgotten: the same rules
/// whichever store holds the account's cart.
/// </summary>
public abstract class KeepingTheCartWithTheAccount(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private static async Task<(Guid ProductId, int Quantity)[]> LinesAsync(Customer customer)
    {
        var response = await customer.Client.GetAsync("/api/cart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Json()).GetProperty("items").EnumerateArray()
            .Select(l => (l.GetProperty("productId").GetGuid(), l.GetProperty("quantity").GetInt32())).ToArray();
    }

    private static async Task PutAsync(Customer customer, Guid productId, int quantity) =>
        Assert.Equal(HttpStatusCode.OK, (await customer.Client.PutAsJsonAsync($"/api/cart/items/{productId}", new { quantity })).StatusCode);

    /// <summary>Adds to the visitor's cart with the product page's own form, as a person would.</summary>
    private static async Task AddOnTheProductPageAsync(WebVisitor visitor, Guid productId, int quantity)
    {
        var page = await visitor.GetAsync($"/p/{productId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var form = HtmlForm.AllIn(page.Body, page.Url).Single(f => f.Handler == "add-to-cart");
        var fields = form.DefaultFields();
        fields.RemoveAll(f => f.Key == "Input.Quantity");
        fields.Add(new("Input.Quantity", FormValue.Of(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var added = await visitor.SendAsync(form.Request(fields, form.Submitters.Count > 0 ? form.Submitters[0] : null), keepCookies: true);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains("Added to your cart.", added.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_joins_the_visitors_cart_to_the_accounts()
    {
        var both = await _api.CreateProductAsync(stock: 20);
        var accountOnly = await _api.CreateProductAsync(stock: 20);
        var visitorOnly = await _api.CreateProductAsync(stock: 20);
        var customer = await _api.CustomerAsync();
        await PutAsync(customer, both.Id, 3);
        await PutAsync(customer, accountOnly.Id, 1);
        var visitor = new WebVisitor(shop);
        await AddOnTheProductPageAsync(visitor, both.Id, 2);
        await AddOnTheProductPageAsync(visitor, visitorOnly.Id, 4);

        await visitor.SignInAsync(customer.Email, customer.Password);

        Assert.Equal([(both.Id, 5), (accountOnly.Id, 1), (visitorOnly.Id, 4)], await LinesAsync(customer));
        // The cookie cart is gone with the merge: signing in again adds nothing twice.
        await visitor.SignInAsync(customer.Email, customer.Password);
        Assert.Equal([(both.Id, 5), (accountOnly.Id, 1), (visitorOnly.Id, 4)], await LinesAsync(customer));
    }

    [Fact]
    public async Task Joining_carts_keeps_a_line_within_a_thousand()
    {
        var product = await _api.CreateProductAsync(stock: 20);
        var customer = await _api.CustomerAsync();
        await PutAsync(customer, product.Id, 999);
        var visitor = new WebVisitor(shop);
        await AddOnTheProductPageAsync(visitor, product.Id, 5);

        await visitor.SignInAsync(customer.Email, customer.Password);

        Assert.Equal([(product.Id, 1000)], await LinesAsync(customer));
    }

    [Fact]
    public async Task A_signed_in_shopper_adding_on_the_product_page_adds_to_the_accounts_cart()
    {
        var product = await _api.CreateProductAsync(stock: 20);
        var customer = await _api.CustomerAsync();
        await PutAsync(customer, product.Id, 2);
        var visitor = new WebVisitor(shop);
        await visitor.SignInAsync(customer.Email, customer.Password);

        await AddOnTheProductPageAsync(visitor, product.Id, 3);

        Assert.Equal([(product.Id, 5)], await LinesAsync(customer));
    }

    [Fact]
    public async Task A_closed_accounts_cart_is_forgotten()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        var neighbour = await _api.CustomerAsync();
        await PutAsync(customer, product.Id, 2);
        await PutAsync(neighbour, product.Id, 1);

        var closed = await Api.SendAsync(customer.Client, HttpMethod.Delete, "/api/account", JsonSerializer.Serialize(new { password = customer.Password }));

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await StoredLinesAsync(customer.Id)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The closed account's cart was not forgotten.");
            await Task.Delay(100);
        }
        Assert.Equal([(product.Id, 1)], await LinesAsync(neighbour));
    }

    /// <summary>What the cart's store holds for a customer who can no longer sign in to ask.</summary>
    private async Task<IReadOnlyList<Modules.Cart.Contracts.CartLine>> StoredLinesAsync(Guid customerId)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ICartStore>().LinesAsync(customerId, CancellationToken.None);
    }
}

/// <summary>The relay runs, so that an account closed in the Customers module reaches the cart.</summary>
internal static class RelayedShops
{
    public static Dictionary<string, string?> Settings => new() { ["CloudMart:Relay:Enabled"] = "true" };
}

public sealed class RelayedSqliteShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => RelayedShops.Settings;
}

public sealed class RelayedPostgresShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => RelayedShops.Settings;
}

public sealed class KeepingTheCartWithTheAccountOnSqlite(RelayedSqliteShop shop) : KeepingTheCartWithTheAccount(shop), IClassFixture<RelayedSqliteShop>;

public sealed class KeepingTheCartWithTheAccountOnPostgres(RelayedPostgresShop shop) : KeepingTheCartWithTheAccount(shop), IClassFixture<RelayedPostgresShop>;
