using System.Diagnostics;
using System.Text.RegularExpressions;
using CloudMart.BrowserTests.Admin;

namespace CloudMart.BrowserTests.Storefront;

/// <summary>
/// The real shop as a process with Ordering, Inventory and Cart on DynamoDB (the emulator scripts/test.sh starts, a
/// table made by <c>cloudmart dynamodb create-table</c>), as a shop on AWS runs it: a shopper checks out in the
/// browser, follows the order on its confirmation page, in their account and on its own page, and sees it confirmed
/// through the table's stream, with its e-mail written.
/// </summary>
public sealed partial class CheckoutOnDynamoDb : IClassFixture<CheckoutOnDynamoDb.DynamoBrowserShop>
{
    private readonly DynamoBrowserShop _browser;

    public CheckoutOnDynamoDb(DynamoBrowserShop browser) => _browser = browser;

    [Fact]
    public async Task A_shopper_checks_out_in_the_browser_and_finds_the_order_on_its_confirmation_in_the_account_and_on_its_page()
    {
        using var api = new ShopApi(_browser.Shop);
        var (email, _, _) = await api.RegisterAsync("dynamo");
        var (productId, sku, name) = await api.ProductAsync("DynamoDB Stoneware Serving Bowl", stock: 9);
        var page = await _browser.SignedInAsync(email, ShopApi.CustomerPassword);
        await page.GotoAsync($"/p/{productId}");
        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to your cart");

        await page.GotoAsync("/checkout");
        await page.GetByLabel("Full name").FillAsync("Robin Dynamo");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("12 Harbour Street");
        await page.GetByLabel("City").FillAsync("Portland");
        await page.GetByLabel("Postal code").FillAsync("97201");
        await page.GetByLabel("Country").SelectOptionAsync("US");
        await page.GetByLabel("Test Visa card — payment approved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = PlaceOrder() }).ClickAsync();

        // The confirmation page reads the order from DynamoDB; it is placed, its payment not settled yet here.
        await page.WaitForURLAsync(url => url.Contains("/checkout/confirmation/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".confirmation")).ToHaveAttributeAsync("data-state", new Regex("placed|confirmed"));
        var number = await page.Locator(".confirmation strong").First.InnerTextAsync();
        Assert.Matches(OrderNumber(), number);
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("Robin Dynamo, Portland");
        var stock = await api.StockAsync(sku);
        Assert.Equal(2, stock.GetProperty("reserved").GetInt32());
        await Assertions.Expect(page.Locator(".cart-link__count")).ToHaveTextAsync("0"); // the cart was emptied by the checkout

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Order {number}");
        Assert.Contains(name, await page.Locator(".review").InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Placed");

        // The table's stream carries OrderPlaced to the payment handler (the shop's own stream poller): the order
        // turns Confirmed, and the customer gets exactly one confirmation e-mail.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await page.Locator(".timeline").InnerTextAsync()).Contains("Confirmed", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Confirmed");
        var mails = Array.Empty<string>();
        while (mails.Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            mails = Directory.Exists(_browser.MailFolder) ? Directory.GetFiles(_browser.MailFolder, $"order-confirmed-{number}-*.eml") : [];
        }
        Assert.Single(mails);
    }

    [GeneratedRegex("^Place order")]
    private static partial Regex PlaceOrder();

    [GeneratedRegex(@"^CM-\d{6,}$")]
    private static partial Regex OrderNumber();

    /// <summary>A shop process over a fresh DynamoDB table (deleted with the emulator's data when moto stops) and Chromium.</summary>
    public sealed class DynamoBrowserShop : IAsyncLifetime
    {
        private readonly BrowserShop _inner = new();
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cloudmart-browser", Guid.NewGuid().ToString("N"));

        public RunningShop Shop => _inner.Shop;

        /// <summary>Where the shop writes its e-mails (no SMTP server configured).</summary>
        public string MailFolder => Path.Combine(_dataDirectory, "mail");

        public Task<IPage> SignedInAsync(string email, string password) => _inner.SignedInAsync(email, password);

        public async Task InitializeAsync()
        {
            var emulator = Environment.GetEnvironmentVariable("CLOUDMART_TEST_DYNAMODB")
                ?? throw new InvalidOperationException("CLOUDMART_TEST_DYNAMODB is not set. Run the tests with scripts/test.sh, which starts moto_server and sets it.");
            var settings = new Dictionary<string, string>
            {
                ["CloudMart__DynamoDb__TableName"] = "cm-browser-" + Guid.NewGuid().ToString("N")[..12],
                ["CloudMart__DynamoDb__ServiceUrl"] = emulator,
                ["CloudMart__DynamoDb__Region"] = "us-east-1",
                ["CloudMart__DynamoDb__RequestTimeoutSeconds"] = "120",
                ["CloudMart__DataDirectory"] = _dataDirectory,
            };
            Directory.CreateDirectory(_dataDirectory);
            await RunAsync(settings, "dynamodb", "create-table");
            // The demo catalog opens 240 products' stock in the emulator, one request at a time: done before the shop
            // starts, so its readiness wait measures the shop, not the emulator's pace.
            await RunAsync(settings, "seed");
            await _inner.InitializeAsync(settings);
        }

        public async Task DisposeAsync()
        {
            await _inner.DisposeAsync();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // left for the OS to clean
            }
        }

        /// <summary>A <c>cloudmart</c> command (create-table, seed), as a developer runs it before the first start.</summary>
        private static async Task RunAsync(IDictionary<string, string> settings, params string[] command)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { RunningShop.ShopAssembly() },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var word in command)
            {
                start.ArgumentList.Add(word);
            }
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run cloudmart {string.Join(' ', command)}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"cloudmart {string.Join(' ', command)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
