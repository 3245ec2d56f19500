using System.Text.Json;
using System.Text.RegularExpressions;

namespace CloudMart.BrowserTests.Admin;

[Collection(BrowserCollection.Name)]
public sealed partial class AdminJourney(BrowserShop browser)
{
    [Fact]
    public async Task The_administrator_creates_a_product_stocks_it_and_ships_an_order_that_the_customer_then_sees_shipped()
    {
        using var api = new ShopApi(browser.Shop);
        var page = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);

        // Create a product with no stock.
        var sku = "JRN-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var name = $"Rechargeable Trail Lantern, Model {sku[4..8]}";
        await page.GotoAsync("/admin/products/new");
        await page.GetByLabel("SKU").FillAsync(sku);
        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Price (USD)").FillAsync("34.90");
        await page.GetByLabel("Opening stock").FillAsync("0");
        await page.GetByLabel("Description").FillAsync("A rechargeable lantern for long evenings outdoors.");
        await page.GetByLabel("Attributes").FillAsync("colour: green\nbattery: 20 hours");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The product was created.");
        var productId = Guid.Parse(ProductIdInUrl().Match(page.Url).Groups[1].Value);
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveValueAsync(name);
        await Screenshots.SaveAsync(page, "admin-product-edit");

        // It is on sale in the shop: a visitor finds it by searching and opens its page.
        var visitor = await browser.NewVisitorAsync();
        await visitor.GotoAsync($"/search?q={Uri.EscapeDataString(name)}");
        await visitor.GetByRole(AriaRole.Link, new() { Name = name }).First.ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(visitor.GetByText("$34.90").First).ToBeVisibleAsync();

        // Count stock in.
        await page.GotoAsync($"/admin/inventory/{sku}");
        await page.GetByLabel("Change in units on hand").FillAsync("25");
        await page.GetByLabel("Reason").FillAsync("Delivery from the supplier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("adjusted");
        await Assertions.Expect(page.Locator("[data-stat=available]")).ToHaveTextAsync("25");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Delivery from the supplier" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-inventory");

        // A customer buys two; the payment confirms the order in the background.
        var customer = await api.RegisterAsync("buyer");
        var placed = await api.PlaceOrderAsync(customer.Token, productId, 2);
        var orderId = placed.GetProperty("id").GetGuid();
        var number = placed.GetProperty("number").GetString()!;
        await api.WaitForStatusAsync(customer.Token, orderId, "Confirmed");

        // The customer watches the order in their account while the shop ships it.
        var shopper = await browser.SignedInAsync(customer.Email, ShopApi.CustomerPassword);
        await shopper.GotoAsync($"/account/orders/{orderId}");
        await Assertions.Expect(shopper.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Confirmed");

        // The order waits for shipment in the back-office; ship it with a tracking number.
        await page.GotoAsync("/admin/orders?status=Confirmed");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-orders");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(number);
        await page.GetByLabel("Carrier").FillAsync("DHL");
        await page.GetByLabel("Tracking number").FillAsync("TRACK-12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("shipped");
        await Assertions.Expect(page.Locator(".page-head .badge")).ToHaveTextAsync("Shipped");
        await Assertions.Expect(page.Locator("[data-tracking]")).ToHaveTextAsync("TRACK-12345");
        await Screenshots.SaveAsync(page, "admin-order-detail");

        // The customer's open order page turns to Shipped without a reload, and the API agrees.
        await Assertions.Expect(shopper.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Shipped");
        await Assertions.Expect(shopper.GetByText("TRACK-12345").First).ToBeVisibleAsync();
        var seen = await api.OrderAsync(customer.Token, orderId);
        Assert.Equal("Shipped", seen.GetProperty("status").GetString());
        Assert.Equal("TRACK-12345", seen.GetProperty("trackingNumber").GetString());
        // Shipping took the two reserved units off the shelf.
        var stock = await api.StockAsync(sku);
        Assert.Equal(23, stock.GetProperty("onHand").GetInt32());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt32());

        // The dashboard counts today's order.
        await page.GotoAsync("/admin");
        Assert.True(int.Parse(await page.Locator("[data-stat=orders-today]").InnerTextAsync()) >= 1);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Orders and revenue, last 30 days" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-dashboard");

        await page.GotoAsync("/admin/products");
        await Screenshots.SaveAsync(page, "admin-products");

        var phone = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword, BrowserShop.Phone);
        await phone.GotoAsync("/admin");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Dashboard");
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The dashboard must fit a phone's width without sideways scrolling.");
        await Screenshots.SaveAsync(phone, "phone-admin-dashboard");
    }

    [Fact]
    public async Task Validation_errors_are_shown_next_to_the_fields_and_nothing_is_created()
    {
        var page = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        await page.GotoAsync("/admin/products/new");
        await page.GetByLabel("SKU").FillAsync("bad sku!");
        await page.GetByLabel("Price (USD)").FillAsync("ten dollars");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("correct the fields");
        await Assertions.Expect(page.Locator("#price-error")).ToContainTextAsync("Price must be a number");
        await Assertions.Expect(page.GetByLabel("Price (USD)")).ToHaveAttributeAsync("aria-describedby", "price-error");

        // Readable price now: the catalog's own rules speak for the other fields.
        await page.GetByLabel("Price (USD)").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sku-error")).ToContainTextAsync("SKU may contain only letters");
        await Assertions.Expect(page.Locator("#name-error")).ToContainTextAsync("Name is required");
        await Assertions.Expect(page.Locator("#categorySlug-error")).ToContainTextAsync("Category is required");
        await Assertions.Expect(page.GetByLabel("SKU")).ToHaveValueAsync("bad sku!"); // what was typed is kept
        Assert.EndsWith("/admin/products/new", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_product_edit_shows_the_conflict_and_keeps_the_newer_change()
    {
        using var api = new ShopApi(browser.Shop);
        var (id, _, _) = await api.ProductAsync("Stainless Pet Water Bowl");
        var first = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync($"/admin/products/{id}");
        await second.GotoAsync($"/admin/products/{id}");

        await first.GetByLabel("Name").FillAsync("Stainless Pet Water Bowl, 1 L");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");

        await second.GetByLabel("Name").FillAsync("Stainless Pet Water Bowl, 2 L");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(second.Locator("[data-conflict]")).ToContainTextAsync("Someone else changed this product");
        Assert.Equal("Stainless Pet Water Bowl, 1 L", (await api.ProductByIdAsync(id)).GetProperty("name").GetString());

        await second.GetByRole(AriaRole.Link, new() { Name = "Open the latest version" }).ClickAsync();
        await Assertions.Expect(second.GetByLabel("Name")).ToHaveValueAsync("Stainless Pet Water Bowl, 1 L");
    }

    [GeneratedRegex("/admin/products/([0-9a-f-]{36})")]
    private static partial Regex ProductIdInUrl();
}
