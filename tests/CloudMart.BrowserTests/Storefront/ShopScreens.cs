namespace CloudMart.BrowserTests.Storefront;

/// <summary>Full-page screenshots with every product image loaded (cards below the fold load lazily in a browser).</summary>
internal static class ShopScreens
{
    public static async Task SaveAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')");
        await page.WaitForFunctionAsync("() => Array.from(document.images).every(img => img.complete)");
        // The chat launcher is fixed to the window's corner; in a full-page picture it would float over the middle.
        await page.EvaluateAsync("() => document.querySelectorAll('.chat').forEach(c => c.style.visibility = 'hidden')");
        await Screenshots.SaveAsync(page, name);
        await page.EvaluateAsync("() => document.querySelectorAll('.chat').forEach(c => c.style.visibility = '')");
    }
}
