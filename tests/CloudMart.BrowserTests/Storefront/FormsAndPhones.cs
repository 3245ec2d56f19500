namespace CloudMart.BrowserTests.Storefront;

[Collection(BrowserCollection.Name)]
public sealed class FormsAndPhones(BrowserShop browser)
{
    [Fact]
    public async Task Sign_up_shows_what_is_wrong_next_to_each_field()
    {
        var page = await browser.NewVisitorAsync();
        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Email").FillAsync("not-an-email");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#email ~ .validation-message")).ToContainTextAsync("valid email");

        // The server's own password rules (the API's) come back next to the password field.
        await page.GetByLabel("Email").FillAsync($"weak-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password ~ .validation-message").First).ToBeVisibleAsync();
        Assert.Contains("/account/sign-up", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_shows_what_is_missing_next_to_each_field_and_places_nothing()
    {
        var page = await browser.NewVisitorAsync();
        await ShopperJourney.SignUpAsync(page, $"checkout-{Guid.NewGuid():N}@example.com");
        await page.GotoAsync("/p/stoneware-dinner-plates-set-of-4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.GotoAsync("/checkout");
        await page.GetByLabel("Postal code").FillAsync("??");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Place order") }).ClickAsync();

        await Assertions.Expect(page.Locator("#name ~ .validation-message")).ToContainTextAsync("Enter the name");
        await Assertions.Expect(page.Locator("#line1 ~ .validation-message")).ToContainTextAsync("street address");
        await Assertions.Expect(page.Locator("#city ~ .validation-message")).ToContainTextAsync("city");
        await Assertions.Expect(page.Locator("#postal-code ~ .validation-message")).ToContainTextAsync("letters, digits");
        await Assertions.Expect(page.Locator(".validation-message", new() { HasText = "payment method" })).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByText("You have not placed an order yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_home_and_product_pages_fit_the_screen()
    {
        var page = await browser.NewVisitorAsync(BrowserShop.Phone);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".grid .card").First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page);
        await ShopScreens.SaveAsync(page, "phone-home");

        await page.GotoAsync("/p/carbon-steel-wok-with-wooden-handle-32-cm");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" })).ToBeInViewportAsync();
        await AssertNoSidewaysScrollAsync(page);
        await ShopScreens.SaveAsync(page, "phone-product");
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404_inside_the_shop()
    {
        var page = await browser.NewVisitorAsync();
        var response = await page.GotoAsync("/p/no-such-product");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("We can't find that page");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the shop" })).ToBeVisibleAsync();
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the screen.");
    }
}
