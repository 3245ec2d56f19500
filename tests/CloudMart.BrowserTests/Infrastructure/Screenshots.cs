namespace CloudMart.BrowserTests.Infrastructure;

/// <summary>
/// Full-page screenshots of the pages people judge the shop by. They go to the test output; with
/// <c>CLOUDMART_UPDATE_SCREENSHOTS=1</c> they also replace the set in docs/screenshots that the README shows.
/// </summary>
public static class Screenshots
{
    /// <param name="fullPage">False for what the visitor sees in the window (a floating panel stays where it is).</param>
    public static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = fullPage });
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        await File.WriteAllBytesAsync(Path.Combine(output, name + ".png"), bytes);
        if (Environment.GetEnvironmentVariable("CLOUDMART_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(RunningShop.RepositoryRoot(), "docs", "screenshots");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), bytes);
        }
    }
}
