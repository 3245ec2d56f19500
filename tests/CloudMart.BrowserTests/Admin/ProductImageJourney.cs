namespace CloudMart.BrowserTests.Admin;

/// <summary>
/// The administrator replaces a product's picture and sees the new one at once, in the back-office and on the
/// product page, though the browser already holds the old picture in its cache.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProductImageJourney(BrowserShop browser)
{
    [Fact]
    public async Task The_administrator_sees_a_replaced_picture_right_after_uploading_it()
    {
        using var api = new ShopApi(browser.Shop);
        var (id, _, name) = await api.ProductAsync($"Painted Jug {Guid.NewGuid().ToString("N")[..6]}");
        var slug = (await api.ProductByIdAsync(id)).GetProperty("slug").GetString();
        var page = await browser.SignedInAsync(RunningShop.AdminEmail, RunningShop.AdminPassword);

        await UploadAsync(page, id, "rgb(20, 60, 220)");
        Assert.Equal("blue", await ColourOfAsync(page, "img.product-image"));
        await page.GotoAsync($"/p/{slug}");
        Assert.Equal("blue", await ColourOfAsync(page, ".product__gallery img")); // now in the browser's cache

        await UploadAsync(page, id, "rgb(220, 40, 20)");

        Assert.Equal("red", await ColourOfAsync(page, "img.product-image"));
        await page.GotoAsync($"/p/{slug}");
        Assert.Equal("red", await ColourOfAsync(page, ".product__gallery img"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
    }

    private static async Task UploadAsync(IPage page, Guid productId, string colour)
    {
        await page.GotoAsync($"/admin/products/{productId}");
        // A 900 × 600 picture of one colour, drawn by the browser itself.
        var png = await page.EvaluateAsync<string>("""
            colour => {
                const canvas = document.createElement('canvas');
                canvas.width = 900; canvas.height = 600;
                const context = canvas.getContext('2d');
                context.fillStyle = colour; context.fillRect(0, 0, 900, 600);
                return canvas.toDataURL('image/png').split(',')[1];
            }
            """, colour);
        await page.GetByLabel("Upload a new image").SetInputFilesAsync(new FilePayload
        {
            Name = "jug.png", MimeType = "image/png", Buffer = Convert.FromBase64String(png),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload image" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The image was saved");
    }

    /// <summary>"red", "blue" or the pixel itself: the middle of the picture as the page shows it once loaded.</summary>
    private static async Task<string> ColourOfAsync(IPage page, string selector)
    {
        var image = page.Locator(selector).First;
        await Assertions.Expect(image).ToBeVisibleAsync();
        return await image.EvaluateAsync<string>("""
            async img => {
                if (!img.complete || img.naturalWidth === 0) {
                    await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; });
                }
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                const context = canvas.getContext('2d');
                context.drawImage(img, 0, 0);
                const [r, g, b] = context.getImageData(img.naturalWidth / 2, img.naturalHeight / 2, 1, 1).data;
                return r > 150 && b < 100 ? 'red' : b > 150 && r < 100 ? 'blue' : `rgb(${r}, ${g}, ${b})`;
            }
            """);
    }
}
