namespace CloudMart.BrowserTests.Infrastructure;

/// <summary>One running shop and one headless Chromium shared by the browser tests; each test opens its own context.</summary>
public sealed class BrowserShop : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private IPlaywright? _playwright;

    public RunningShop Shop { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Task InitializeAsync() => InitializeAsync(null);

    /// <summary>Starts the shop with extra settings (environment variables, e.g. a DynamoDB table) and Chromium.</summary>
    public async Task InitializeAsync(IDictionary<string, string>? settings)
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        Shop = await RunningShop.StartAsync(settings);
        _playwright = await Playwright.CreateAsync();
        // Debian's Chromium: Playwright cannot download browsers here. The flags keep it off the (closed) network.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CLOUDMART_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh visitor: own cookies, desktop or phone viewport, base URL set so tests use paths.</summary>
    public async Task<IPage> NewVisitorAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Shop.BaseUrl,
            ViewportSize = viewport ?? Desktop,
            Locale = "en-US",
        });
        // Generous: CI machines are shared, and the first visit to a page compiles it. A real failure still fails.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A visitor already signed in through the sign-in page.</summary>
    public async Task<IPage> SignedInAsync(string email, string password, ViewportSize? viewport = null)
    {
        var page = await NewVisitorAsync(viewport);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Shop.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserShop>
{
    public const string Name = "browser";
}
