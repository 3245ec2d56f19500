using System.Text.RegularExpressions;

namespace CloudMart.Tests.Web;

/// <summary>
/// The pages that show orders and stock, as a browser gets them (static SSR, signed in with the shop's cookie), on
/// whichever store holds the orders: a shopper's list, order page and confirmation; the back-office's order list and
/// page, stock list and stock page, and the dashboard's figures. Nobody sees another customer's order.
/// </summary>
public abstract class OrderAndStockPages(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task A_shopper_finds_their_order_in_their_list_on_its_page_and_on_its_confirmation()
    {
        var product = await _api.CreateProductAsync(stock: 10, price: 12.50m);
        var (buyer, page) = await SignedInAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 3));
        var id = order.GetProperty("id").GetGuid();
        var number = order.GetProperty("number").GetString()!;

        var list = await PageAsync(page, "/account");
        Assert.Contains($"<a href=\"/account/orders/{id}\">{number}</a>", list, StringComparison.Ordinal);

        var detail = await PageAsync(page, $"/account/orders/{id}");
        Assert.Contains($"<h1>Order {number}</h1>", detail, StringComparison.Ordinal);
        Assert.Contains("3 × <a href=\"/p/" + product.Id + "\">", detail, StringComparison.Ordinal);
        Assert.Contains("Ada Shopper", detail, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Placed\"", detail, StringComparison.Ordinal);

        var confirmation = await PageAsync(page, $"/checkout/confirmation/{id}");
        Assert.Contains("data-state=\"placed\"", confirmation, StringComparison.Ordinal);
        Assert.Contains($"<strong>{number}</strong>", confirmation, StringComparison.Ordinal);
        Assert.Contains("Ada Shopper, Portland", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_order_is_thanked_for_and_its_page_tells_its_history()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var (buyer, page) = await SignedInAsync();
        var id = (await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1))).GetProperty("id").GetGuid();
        await _api.ConfirmPaymentAsync(id);

        Assert.Contains("Thank you — your order is confirmed", await PageAsync(page, $"/checkout/confirmation/{id}"), StringComparison.Ordinal);
        var detail = await PageAsync(page, $"/account/orders/{id}");
        Assert.Contains("data-status=\"Confirmed\"", detail, StringComparison.Ordinal);
        Assert.Contains("Payment authorised", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_shoppers_order_is_not_found_on_any_page_and_is_not_in_their_list()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var (owner, _) = await SignedInAsync();
        var order = await Api.PlacedOrderAsync(owner.Client, (product.Id, 1));
        var id = order.GetProperty("id").GetGuid();
        var (_, stranger) = await SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/account/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/checkout/confirmation/{id}")).StatusCode);
        var list = await PageAsync(stranger, "/account");
        Assert.DoesNotContain(order.GetProperty("number").GetString()!, list, StringComparison.Ordinal);
        Assert.Contains("You have not placed an order yet.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_from_the_order_page_cancels_the_order_and_releases_its_stock()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var (buyer, page) = await SignedInAsync();
        var id = (await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2))).GetProperty("id").GetGuid();
        var asking = await PageAsync(page, $"/account/orders/{id}?confirm=cancel");

        var response = await PageForms.PostAsync(page, $"/account/orders/{id}?confirm=cancel", "cancel-order", asking);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your order is cancelled", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Cancelled", (await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json()).GetProperty("status").GetString());
        Assert.Equal(0, (await _api.StockOfAsync(product.Sku)).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task The_back_office_lists_and_shows_orders_and_ships_one_from_its_page()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var buyer = await _api.CustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));
        var id = order.GetProperty("id").GetGuid();
        var number = order.GetProperty("number").GetString()!;
        await _api.ConfirmPaymentAsync(id);
        var admin = await SignedInAsync(ShopFactory.AdminEmail, ShopFactory.AdminPassword);

        Assert.Contains(number, await PageAsync(admin, "/admin/orders"), StringComparison.Ordinal);
        Assert.Contains(number, await PageAsync(admin, "/admin/orders?status=Confirmed"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await PageAsync(admin, "/admin/orders?status=Shipped"), StringComparison.Ordinal);
        var detail = await PageAsync(admin, $"/admin/orders/{id}");
        Assert.Contains(number, detail, StringComparison.Ordinal);
        Assert.Contains(buyer.Email, detail, StringComparison.Ordinal);
        Assert.Contains(Handler("ship"), detail, StringComparison.Ordinal);

        var shipped = await PageForms.PostAsync(admin, $"/admin/orders/{id}", "ship", detail,
            new Dictionary<string, string> { ["Ship.Carrier"] = "Parcel Co", ["Ship.TrackingNumber"] = "PC-77" });

        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        var json = await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json();
        Assert.Equal("Shipped", json.GetProperty("status").GetString());
        Assert.Equal("PC-77", json.GetProperty("trackingNumber").GetString());
        var stock = await _api.StockOfAsync(product.Sku);
        Assert.Equal(8, stock.GetProperty("onHand").GetInt32());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task The_back_office_lists_stock_by_sku_shows_a_products_stock_and_adjusts_it()
    {
        var product = await _api.CreateProductAsync(stock: 7);
        var scarce = await _api.CreateProductAsync(stock: 1);
        var admin = await SignedInAsync(ShopFactory.AdminEmail, ShopFactory.AdminPassword);

        var list = await PageAsync(admin, $"/admin/inventory?sku={product.Sku}");
        Assert.Contains(product.Sku, list, StringComparison.Ordinal);
        Assert.DoesNotContain(scarce.Sku, list, StringComparison.Ordinal);
        var low = await PageAsync(admin, "/admin/inventory?low=true");
        Assert.Contains(scarce.Sku, low, StringComparison.Ordinal);
        Assert.DoesNotContain(product.Sku, low, StringComparison.Ordinal);

        var detail = await PageAsync(admin, $"/admin/inventory/{product.Sku}");
        Assert.Contains("Opening stock", detail, StringComparison.Ordinal);
        var response = await PageForms.PostAsync(admin, $"/admin/inventory/{product.Sku}", "adjust", detail,
            new Dictionary<string, string> { ["Adjustment.Delta"] = "5", ["Adjustment.Reason"] = "Delivery from the supplier" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, (await _api.StockOfAsync(product.Sku)).GetProperty("onHand").GetInt32());
        Assert.Contains("Delivery from the supplier", await PageAsync(admin, $"/admin/inventory/{product.Sku}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_counts_todays_orders_and_their_revenue()
    {
        var product = await _api.CreateProductAsync(stock: 10, price: 20m);
        var admin = await SignedInAsync(ShopFactory.AdminEmail, ShopFactory.AdminPassword);
        var before = Stat(await PageAsync(admin, "/admin"), "orders-today");
        var buyer = await _api.CustomerAsync();
        await Api.PlacedOrderAsync(buyer.Client, (product.Id, 1));
        await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));

        var dashboard = await PageAsync(admin, "/admin");

        Assert.Equal(before + 2, Stat(dashboard, "orders-today"));
        Assert.Contains("Orders and revenue, last 30 days", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_staff_see_the_back_office_order_and_stock_pages()
    {
        var (_, shopper) = await SignedInAsync();
        foreach (var url in new[] { "/admin", "/admin/orders", "/admin/inventory" })
        {
            var response = await shopper.GetAsync(url);
            Assert.Equal("/forbidden", response.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.DoesNotContain("data-stat=\"orders-today\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static int Stat(string html, string name)
    {
        var match = Regex.Match(html, $"data-stat=\"{name}\">(\\d+)<");
        Assert.True(match.Success, $"The dashboard has no {name} figure.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> PageAsync(HttpClient page, string url)
    {
        var response = await page.GetAsync(url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return html;
    }

    private static string Handler(string form) => $"name=\"_handler\" value=\"{form}\"";

    /// <summary>A new customer, and a browser-like client signed in as them through the sign-in page (the shop's cookie).</summary>
    private async Task<(Customer Buyer, HttpClient Page)> SignedInAsync()
    {
        var customer = await _api.CustomerAsync();
        return (customer, await SignedInAsync(customer.Email, customer.Password));
    }

    private Task<HttpClient> SignedInAsync(string email, string password) => PageForms.SignedInAsync(shop, email, password);
}

public sealed class OrderAndStockPagesOnSqlite(SqliteShop shop) : OrderAndStockPages(shop), IClassFixture<SqliteShop>;

public sealed class OrderAndStockPagesOnPostgres(PostgresShop shop) : OrderAndStockPages(shop), IClassFixture<PostgresShop>;
