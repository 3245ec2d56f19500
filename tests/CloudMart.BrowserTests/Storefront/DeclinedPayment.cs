using System.Text.RegularExpressions;
using CloudMart.BrowserTests.Admin;

namespace CloudMart.BrowserTests.Storefront;

/// <summary>After the card: a declined payment is told plainly and paid again on the same order; cancelling follows the order's state.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DeclinedPayment(BrowserShop browser)
{
    [Fact]
    public async Task A_declined_card_is_told_plainly_and_another_card_puts_the_same_order_through()
    {
        using var api = new ShopApi(browser.Shop);
        var (email, _, _) = await api.RegisterAsync("declined");
        var (productId, _, name) = await api.ProductAsync("Declined-Card Enamel Mug", stock: 20);
        var page = await browser.SignedInAsync(email, ShopApi.CustomerPassword);
        await page.GotoAsync($"/p/{productId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to your cart");
        await page.GotoAsync("/checkout");
        await page.GetByLabel("Full name").FillAsync("Robin Declined");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("12 Harbour Street");
        await page.GetByLabel("City").FillAsync("Portland");
        await page.GetByLabel("Postal code").FillAsync("97201");
        await page.GetByLabel("Country").SelectOptionAsync("US");
        await page.GetByLabel("Test card — payment declined").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = PlaceOrder() }).ClickAsync();

        // The page follows the payment: never a thank-you for a declined card.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your card was declined", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".confirmation")).Not.ToContainTextAsync("Thank you");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("The card was declined.");
        var number = await page.Locator(".confirmation strong").First.InnerTextAsync();
        await ShopScreens.SaveAsync(page, "payment-declined");

        await page.GetByLabel("Test Visa card — payment approved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = PayAgain() }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you — your order is confirmed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".confirmation strong").First).ToHaveTextAsync(number);
        await page.GetByRole(AriaRole.Link, new() { Name = "Follow your order" }).ClickAsync();
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Payment attempt 2");
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Confirmed");
        Assert.Contains(name, await page.Locator(".review").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_asks_to_confirm_and_a_shipped_order_offers_no_cancel_even_on_a_page_left_open()
    {
        using var api = new ShopApi(browser.Shop);
        var (email, token, _) = await api.RegisterAsync("canceller");
        var (productId, _, _) = await api.ProductAsync("Cancel-Test Linen Napkins", stock: 20);
        var toShip = (await api.PlaceOrderAsync(token, productId, 1)).GetProperty("id").GetGuid();
        var toCancel = (await api.PlaceOrderAsync(token, productId, 1)).GetProperty("id").GetGuid();
        await api.WaitForStatusAsync(token, toShip, "Confirmed");
        await api.WaitForStatusAsync(token, toCancel, "Confirmed");
        var page = await browser.SignedInAsync(email, ShopApi.CustomerPassword);

        // The page is open while the order ships: the cancel offer goes away by itself.
        await page.GotoAsync($"/account/orders/{toShip}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel order" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Confirmed");
        await api.ShipAsync(toShip);
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Shipped", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel order" })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the order" })).ToHaveCountAsync(0);

        // Cancelling asks first; "keep it" keeps it, "yes" cancels.
        await page.GotoAsync($"/account/orders/{toCancel}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the order" })).ToBeVisibleAsync();
        Assert.Equal("Confirmed", (await api.OrderAsync(token, toCancel)).GetProperty("status").GetString());
        await Screenshots.SaveAsync(page, "cancel-order-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your order is cancelled" })).ToBeVisibleAsync();
        Assert.Equal("Cancelled", (await api.OrderAsync(token, toCancel)).GetProperty("status").GetString());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Put these items back in my cart" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("^Place order")]
    private static partial Regex PlaceOrder();

    [GeneratedRegex("^Pay .* with this card")]
    private static partial Regex PayAgain();
}
