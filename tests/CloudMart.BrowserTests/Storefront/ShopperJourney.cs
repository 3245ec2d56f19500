namespace CloudMart.BrowserTests.Storefront;

[Collection(BrowserCollection.Name)]
public sealed class ShopperJourney(BrowserShop browser)
{
    [Fact]
    public async Task A_visitor_browses_searches_fills_a_cart_signs_up_checks_out_and_sees_the_order_confirmed()
    {
        var page = await browser.NewVisitorAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Everyday things, thoughtfully chosen");
        await ShopScreens.SaveAsync(page, "home");

        // Browse a category and take a product from it.
        await page.Locator(".category-tiles").GetByRole(AriaRole.Link, new() { Name = "Kitchen & Dining" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Kitchen & Dining");
        await Assertions.Expect(page.Locator(".grid .card").First).ToBeVisibleAsync();
        await ShopScreens.SaveAsync(page, "category");
        // Other tests add products to the shared shop, so the shopper sorts by rating to find a well-reviewed pan.
        await page.GetByLabel("Sort by").SelectOptionAsync("rating");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tri-Ply Stainless Steel Frying Pan, 28 cm" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tri-Ply Stainless Steel Frying Pan, 28 cm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to your cart");

        // Search for a second product and add two of it.
        await page.GetByLabel("Search products").First.FillAsync("chopping board");
        await page.GetByLabel("Search products").First.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("chopping board");
        await page.GetByRole(AriaRole.Link, new() { Name = "End-Grain Acacia Chopping Board, Large" }).ClickAsync();
        await Assertions.Expect(page.Locator("script[type='application/ld+json']")).ToHaveCountAsync(1);
        await page.GetByLabel("Quantity").FillAsync("2");
        await ShopScreens.SaveAsync(page, "product");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator(".cart-link__count")).ToHaveTextAsync("3");

        // The cart holds both, priced with shipping and tax.
        await page.GetByRole(AriaRole.Link, new() { Name = "View cart and check out" }).ClickAsync();
        await Assertions.Expect(page.Locator(".line")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".totals")).ToContainTextAsync("Tax");
        await ShopScreens.SaveAsync(page, "cart");

        // Checking out asks the visitor to sign in; they create an account instead and come back with the cart.
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Create an account");
        var email = $"shopper-{Guid.NewGuid():N}@example.com";
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Shopper-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Checkout");
        await Assertions.Expect(page.Locator(".review li")).ToHaveCountAsync(2);

        await page.GetByLabel("Full name").FillAsync("Robin Shopper");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("12 Harbour Street");
        await page.GetByLabel("City").FillAsync("Portland");
        await page.GetByLabel("Postal code").FillAsync("97201");
        await page.GetByLabel("Country").SelectOptionAsync("US");
        await page.GetByLabel("Test Visa card — payment approved").CheckAsync();
        await ShopScreens.SaveAsync(page, "checkout");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Place order") }).ClickAsync();

        // The confirmation page tells the payment's real state: "confirming" at first, then confirmed without a reload.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you — your order is confirmed", new() { Timeout = 30_000 });
        var number = await page.Locator(".confirmation strong").InnerTextAsync();
        await Assertions.Expect(page.Locator(".cart-link__count")).ToHaveTextAsync("0");

        // The account lists the order; its page follows the pipeline to Confirmed without a reload.
        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.orders")).ToContainTextAsync(number);
        await ShopScreens.SaveAsync(page, "account");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Order {number}");
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Confirmed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Payment authorised");
        await ShopScreens.SaveAsync(page, "order-detail");
    }

    [Fact]
    public async Task An_anonymous_cart_joins_the_account_cart_at_sign_in()
    {
        var email = $"returning-{Guid.NewGuid():N}@example.com";
        var first = await browser.NewVisitorAsync();
        await SignUpAsync(first, email);
        await first.Context.CloseAsync();

        var page = await browser.NewVisitorAsync();
        await page.GotoAsync("/p/enamelled-cast-iron-casserole-4-5-l");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator(".cart-link__count")).ToHaveTextAsync("1");
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Shopper-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

        await page.GotoAsync("/cart");
        await Assertions.Expect(page.Locator(".line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".line__name")).ToHaveTextAsync("Enamelled Cast-Iron Casserole, 4.5 L");
        // The cookie cart is gone: the account's cart is the only one now.
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == "cloudmart.cart");
    }

    internal static async Task SignUpAsync(IPage page, string email, string password = "Shopper-Passw0rd")
    {
        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your orders");
    }
}
