namespace CloudMart.BrowserTests.Storefront;

/// <summary>Full-page screenshots with every product image loaded (cards below the fold load lazily in a browser).</summary>
internal static class ShopScreens
{
    public static async Task SaveAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')");
        await page.WaitForFunctionAsync("() => Array.from(document.images).every(img => img.complete)");
        await Screenshots.SaveAsync(page, name);
    }
}
