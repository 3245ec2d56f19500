using System.Text.RegularExpressions;

namespace CloudMart.BrowserTests.Storefront;

/// <summary>The cart's own form, and a layout that never hides what a shopper needs: the launcher, the category bar.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CartAndLayout(BrowserShop browser)
{
    private const string Wok = "/p/carbon-steel-wok-with-wooden-handle-32-cm";
    private const string Casserole = "/p/enamelled-cast-iron-casserole-4-5-l";

    [Fact]
    public async Task A_shopper_changes_a_quantity_and_removes_a_line_in_the_cart()
    {
        var page = await browser.NewVisitorAsync();
        await AddAsync(page, Wok);
        await AddAsync(page, Casserole);
        await page.GotoAsync("/cart");
        await Assertions.Expect(page.Locator(".line")).ToHaveCountAsync(2);

        await page.GetByLabel(QuantityOfWok()).FillAsync("3");
        var update = await page.RunAndWaitForResponseAsync(() => page.Locator(".cart__lines").GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).First.ClickAsync(), Document);
        Assert.Equal(200, update.Status); // it was a bare 400 page
        await Assertions.Expect(page.GetByLabel(QuantityOfWok())).ToHaveValueAsync("3");
        await Assertions.Expect(page.Locator(".line", new() { HasText = "Carbon Steel Wok" }).Locator(".line__total")).ToHaveTextAsync("$126.00");

        var remove = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { NameRegex = RemoveCasserole() }).ClickAsync(), Document);
        Assert.Equal(200, remove.Status);
        await Assertions.Expect(page.Locator(".line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".line__name")).ToHaveTextAsync("Carbon Steel Wok with Wooden Handle, 32 cm");
        await Assertions.Expect(page.Locator(".cart-link__count")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("dd.totals__grand")).ToBeVisibleAsync();
        await ShopScreens.SaveAsync(page, "cart-updated");
    }

    [Fact]
    public async Task A_cart_emptied_elsewhere_answers_an_old_form_with_the_page_and_a_message_not_an_error()
    {
        var page = await browser.NewVisitorAsync();
        await AddAsync(page, Wok);
        await page.GotoAsync("/cart");
        // Another tab empties the cart; this one still shows the old form.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/cart");
        await other.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Remove") }).ClickAsync();
        await Assertions.Expect(other.GetByText("Your cart is empty.")).ToBeVisibleAsync();

        var response = await page.RunAndWaitForResponseAsync(() => page.Locator(".cart__lines").GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync(), Document);

        Assert.Equal(409, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the page changed since you opened it");
        await Assertions.Expect(page.GetByText("Your cart is empty.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Every_category_in_the_bar_is_visible_on_a_1280_px_screen()
    {
        var page = await browser.NewVisitorAsync(BrowserShop.Desktop);
        await page.GotoAsync("/");
        var links = page.Locator(".category-nav a");
        var count = await links.CountAsync();
        Assert.True(count >= 10, $"Only {count} categories in the bar.");
        for (var i = 0; i < count; i++)
        {
            var link = links.Nth(i);
            await Assertions.Expect(link).ToBeInViewportAsync(new() { Ratio = 1 });
            var box = (await link.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= BrowserShop.Desktop.Width, $"“{await link.InnerTextAsync()}” spans {box.X}..{box.X + box.Width}.");
        }
        var hidden = await page.EvaluateAsync<int>("() => { const list = document.querySelector('.category-nav ul'); return list.scrollWidth - list.clientWidth; }");
        Assert.True(hidden <= 0, $"The category bar hides {hidden}px to the right.");
    }

    [Fact]
    public async Task On_a_desktop_the_launcher_leaves_the_footer_uncovered_at_the_end_of_the_page()
    {
        var anonymous = await browser.NewVisitorAsync(BrowserShop.Desktop);
        await AssertFooterUncoveredAsync(anonymous);

        var shopper = await browser.NewVisitorAsync(BrowserShop.Desktop);
        await ShopperJourney.SignUpAsync(shopper, $"footer-{Guid.NewGuid():N}@example.com");
        await Assertions.Expect(shopper.Locator(".chat[data-ready=true]")).ToBeAttachedAsync();
        await AssertFooterUncoveredAsync(shopper);
        await Screenshots.SaveAsync(shopper, "footer-with-launcher", fullPage: false);
    }

    [Fact]
    public async Task On_a_phone_the_launcher_never_covers_the_cart_total()
    {
        var page = await browser.NewVisitorAsync(BrowserShop.Phone);
        await AddAsync(page, Wok);
        await page.GotoAsync("/cart");
        var total = page.Locator("dd.totals__grand");
        var launcher = page.Locator(".chat__toggle");

        foreach (var scroll in new[] { "0", "document.querySelector('dd.totals__grand').getBoundingClientRect().top + window.scrollY - window.innerHeight + 40", "document.body.scrollHeight" })
        {
            await page.EvaluateAsync($"() => window.scrollTo(0, {scroll})");
            await AssertApartAsync(total, launcher, $"the cart total (scrolled to {scroll})");
        }
        await AssertFooterUncoveredAsync(page);
        await Screenshots.SaveAsync(page, "phone-cart", fullPage: false);
    }

    private static async Task AssertFooterUncoveredAsync(IPage page)
    {
        if (!page.Url.Contains("/cart", StringComparison.Ordinal))
        {
            await page.GotoAsync("/");
        }
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        var launcher = page.Locator(".chat__toggle");
        var parts = page.Locator(".shop-footer a, .shop-footer p, .shop-footer li, .shop-footer h2");
        for (var i = 0; i < await parts.CountAsync(); i++)
        {
            await AssertApartAsync(parts.Nth(i), launcher, $"footer item “{await parts.Nth(i).InnerTextAsync()}”");
        }
    }

    /// <summary>Both as drawn on the screen now: their rectangles must not overlap.</summary>
    private static async Task AssertApartAsync(ILocator content, ILocator launcher, string what)
    {
        var a = await content.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }");
        var b = await launcher.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }");
        var overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        Assert.False(overlap, $"The assistant's launcher [{string.Join(", ", b)}] covers {what} [{string.Join(", ", a)}].");
    }

    private static async Task AddAsync(IPage page, string product)
    {
        await page.GotoAsync(product);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Added to your cart.")).ToBeVisibleAsync();
    }

    [GeneratedRegex("^Quantity of Carbon Steel Wok")]
    private static partial Regex QuantityOfWok();

    [GeneratedRegex("^Remove Enamelled Cast-Iron Casserole")]
    private static partial Regex RemoveCasserole();

    /// <summary>The page the browser ends on after a form post: the post's own answer or, after a redirect, the next page.</summary>
    private static bool Document(IResponse response) => response.Request.ResourceType == "document" && response.Status is < 300 or >= 400;
}
