namespace CloudMart.BrowserTests.Access;

[Collection(BrowserCollection.Name)]
public sealed class SigningIn(BrowserShop browser)
{
    [Fact]
    public async Task An_anonymous_visitor_sent_to_the_back_office_lands_on_the_sign_in_page()
    {
        var page = await browser.NewVisitorAsync();
        await page.GotoAsync("/admin");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_session()
    {
        var page = await browser.NewVisitorAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(RunningShop.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
        await page.GotoAsync("/admin");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_signs_in_reaches_the_back_office_and_signs_out()
    {
        var page = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/admin");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }
}
