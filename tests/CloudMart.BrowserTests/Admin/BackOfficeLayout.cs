using System.Text.Json;

namespace CloudMart.BrowserTests.Admin;

/// <summary>The back-office on a phone, and destructive actions that ask before they act.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BackOfficeLayout(BrowserShop browser) : IDisposable
{
    private readonly ShopApi _api = new(browser.Shop);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task On_a_phone_the_order_table_scrolls_inside_its_frame_and_every_column_can_be_reached()
    {
        await OrderAsync(); // at least one row
        var page = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword, BrowserShop.Phone);
        await page.GotoAsync("/admin/orders");
        var frame = page.Locator(".table-wrap").First;
        await Assertions.Expect(frame).ToBeVisibleAsync();

        var sideways = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(sideways <= 0, $"The page itself scrolls {sideways}px sideways.");
        var fits = await frame.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth");
        if (!fits)
        {
            Assert.Equal("auto", await frame.EvaluateAsync<string>("e => getComputedStyle(e).overflowX"));
            await frame.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        }
        var lastHeading = frame.Locator("thead th").Last;
        await Assertions.Expect(lastHeading).ToBeInViewportAsync();
        var box = (await lastHeading.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= BrowserShop.Phone.Width + 1, $"The last column spans {box.X}..{box.X + box.Width}.");
        await frame.EvaluateAsync("e => e.scrollLeft = 0");
        await Screenshots.SaveAsync(page, "phone-admin-orders");
    }

    [Fact]
    public async Task Cancelling_an_order_asks_first_and_only_a_confirmed_cancel_cancels()
    {
        var (orderId, token) = await OrderAsync();
        var page = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        await page.GotoAsync($"/admin/orders/{orderId}");
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" });
        var confirm = page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Yes, cancel order") });
        await Assertions.Expect(confirm).Not.ToBeCheckedAsync();

        await cancel.ClickAsync(); // the browser asks for the tick and sends nothing
        Assert.False(await confirm.EvaluateAsync<bool>("e => e.validity.valid"));
        await Screenshots.SaveAsync(page, "admin-cancel-confirm", fullPage: false);
        Assert.NotEqual("Cancelled", (await _api.OrderAsync(token, orderId)).GetProperty("status").GetString());

        await confirm.CheckAsync();
        await cancel.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The order is cancelled");
        Assert.Equal("Cancelled", (await _api.OrderAsync(token, orderId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_cancel_sent_after_the_order_shipped_answers_with_the_page_and_why()
    {
        var (orderId, token) = await OrderAsync();
        await _api.WaitForStatusAsync(token, orderId, "Confirmed");
        var page = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);
        await page.GotoAsync($"/admin/orders/{orderId}");
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Yes, cancel order") }).CheckAsync();

        // Meanwhile someone else ships it.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync($"/admin/orders/{orderId}");
        await other.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Status)).ToContainTextAsync("marked shipped");

        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync(), Document);
        Assert.Equal(409, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Last).ToContainTextAsync("This order is shipped now, so it can no longer be cancelled.");
        Assert.Equal("Shipped", (await _api.OrderAsync(token, orderId)).GetProperty("status").GetString());
    }

    private async Task<(Guid OrderId, string Token)> OrderAsync()
    {
        var (email, token, _) = await _api.RegisterAsync("layout");
        _ = email;
        var (productId, _, _) = await _api.ProductAsync("Layout Check Teapot " + Guid.NewGuid().ToString("N")[..6]);
        JsonElement order = await _api.PlaceOrderAsync(token, productId, 1);
        return (order.GetProperty("id").GetGuid(), token);
    }

    /// <summary>The page the browser ends on after a form post: the post's own answer or, after a redirect, the next page.</summary>
    private static bool Document(IResponse response) => response.Request.ResourceType == "document" && response.Status is < 300 or >= 400;
}
