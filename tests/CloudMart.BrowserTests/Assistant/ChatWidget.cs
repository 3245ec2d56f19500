using System.Text.RegularExpressions;
using CloudMart.BrowserTests.Admin;
using CloudMart.BrowserTests.Storefront;

namespace CloudMart.BrowserTests.Assistant;

[Collection(BrowserCollection.Name)]
public sealed partial class ChatWidget(BrowserShop browser) : IDisposable
{
    private readonly ShopApi _api = new(browser.Shop);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_signed_in_shopper_finds_products_checks_an_order_and_cancels_it_after_confirming_in_the_chat()
    {
        var (email, token, _) = await _api.RegisterAsync("chatter");
        // A demo product: a new one would land in the first category and push the journey's products off its first page.
        var productId = await DemoProductIdAsync("enamelled-cast-iron-casserole-4-5-l");
        var order = await _api.PlaceOrderAsync(token, productId, 1);
        var orderId = order.GetProperty("id").GetGuid();
        var number = order.GetProperty("number").GetString()!;
        await _api.WaitForStatusAsync(token, orderId, "Confirmed");
        var page = await browser.SignedInAsync(email, ShopApi.CustomerPassword);
        await page.GotoAsync("/");

        // Opening the panel puts the cursor in the message field; replies are announced from a live log.
        await OpenAsync(page);
        await Assertions.Expect(page.GetByLabel("Message to the assistant")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToHaveAttributeAsync("aria-live", "polite");

        await SayAsync(page, "I'm looking for a frying pan");
        var card = page.Locator(".chat__product").First;
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("href", ProductLink());
        await Assertions.Expect(page.Locator(".chat__products")).ToContainTextAsync("Frying Pan");
        await Screenshots.SaveAsync(page, "chat-widget", fullPage: false);

        // The same conversation goes on: the order's real status, then a cancellation that waits for a yes.
        await SayAsync(page, $"where is my order {number}?");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync($"Order {number}");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync("is confirmed");

        await SayAsync(page, $"Please cancel order {number}");
        await Assertions.Expect(LastReply(page).Locator(".chat__notes")).ToContainTextAsync($"Waiting for your yes to cancel order {number}");
        Assert.Equal("Confirmed", (await _api.OrderAsync(token, orderId)).GetProperty("status").GetString());

        await SayAsync(page, "yes please");
        await Assertions.Expect(LastReply(page).Locator(".chat__notes")).ToContainTextAsync($"Order {number} cancelled");

        // Escape closes the panel and gives the focus back to the button that opened it.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await Assertions.Expect(Toggle(page)).ToBeFocusedAsync();
        await Assertions.Expect(Toggle(page)).ToHaveAttributeAsync("aria-expanded", "false");

        await page.GotoAsync($"/account/orders/{orderId}");
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Cancelled");

        // Signed in, the home page opens with products picked for the shopper.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#for-you .card").First).ToBeVisibleAsync();
        await ShopScreens.SaveAsync(page, "home-signed-in");
    }

    [Fact]
    public async Task An_anonymous_visitor_is_asked_to_sign_in_to_chat()
    {
        var page = await browser.NewVisitorAsync();
        await page.GotoAsync("/c/kitchen");

        await page.GetByText("Ask our assistant").ClickAsync();
        var signIn = page.GetByRole(AriaRole.Link, new() { Name = "Sign in to chat with our assistant" });
        await Assertions.Expect(signIn).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Message to the assistant")).ToHaveCountAsync(0);
        await signIn.ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        Assert.Contains("returnUrl=%2Fc%2Fkitchen", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_phone_the_chat_fills_the_screen_without_sideways_scrolling_and_still_answers()
    {
        var (email, _, _) = await _api.RegisterAsync("phone-chatter");
        var page = await browser.SignedInAsync(email, ShopApi.CustomerPassword, BrowserShop.Phone);
        await page.GotoAsync("/p/carbon-steel-wok-with-wooden-handle-32-cm");

        await OpenAsync(page);
        await SayAsync(page, "show me a chopping board");
        await Assertions.Expect(page.Locator(".chat__product").First).ToBeVisibleAsync();
        await SayAsync(page, "how long does delivery take?");
        await Assertions.Expect(LastReply(page)).ToContainTextAsync("working days");

        var panel = await page.GetByRole(AriaRole.Dialog).BoundingBoxAsync();
        Assert.NotNull(panel);
        Assert.True(panel.X >= 0 && panel.X + panel.Width <= BrowserShop.Phone.Width, $"The panel spans {panel.X}..{panel.X + panel.Width}.");
        Assert.True(panel.Y >= 0, $"The panel starts above the screen at {panel.Y}.");
        await Assertions.Expect(page.GetByLabel("Message to the assistant")).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");
        await Screenshots.SaveAsync(page, "phone-chat-widget", fullPage: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "Close chat" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
    }

    private async Task<Guid> DemoProductIdAsync(string slug)
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.Shop.BaseUrl) };
        using var product = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/catalog/products/{slug}"));
        return product.RootElement.GetProperty("id").GetGuid();
    }

    private static ILocator Toggle(IPage page) => page.Locator("button.chat__toggle");

    private static async Task OpenAsync(IPage page)
    {
        // The button is enabled once the component is live on its circuit.
        await Assertions.Expect(page.Locator(".chat[data-ready=true]")).ToHaveCountAsync(1);
        await Toggle(page).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "CloudMart assistant" })).ToBeVisibleAsync();
    }

    private static async Task SayAsync(IPage page, string message)
    {
        var replies = await page.Locator(".chat__message--assistant").CountAsync();
        await page.GetByLabel("Message to the assistant").FillAsync(message);
        await page.GetByLabel("Message to the assistant").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".chat__message--assistant")).ToHaveCountAsync(replies + 1);
    }

    private static ILocator LastReply(IPage page) => page.Locator(".chat__message--assistant").Last;

    [GeneratedRegex("^/p/[a-z0-9-]+$")]
    private static partial Regex ProductLink();
}
