using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CloudMart.BrowserTests.Admin;

namespace CloudMart.BrowserTests.Account;

/// <summary>A shopper looks after their own account: a forgotten password, their settings, addresses and checkout.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountSelfServiceJourney(BrowserShop browser)
{
    [Fact]
    public async Task A_shopper_who_forgot_the_password_gets_a_link_by_email_and_signs_in_with_a_new_one()
    {
        using var api = new ShopApi(browser.Shop);
        var (email, _, _) = await api.RegisterAsync("forgetful");
        var page = await browser.NewVisitorAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Forgot your password?");
        await page.GetByLabel("Email").FillAsync(email);
        await Screenshots.SaveAsync(page, "forgot-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a reset link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account uses this address");

        await page.GotoAsync(await LinkInMailAsync(email, "password-reset", "/reset-password"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Choose a new password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Remembered-Passw0rd");
        await page.GetByLabel("New password, again").FillAsync("Remembered-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        // The link worked once: opened again, it says so instead of offering the form.
        await page.GotoAsync(await LinkInMailAsync(email, "password-reset", "/reset-password"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid any more");
        var signedIn = await browser.SignedInAsync(email, "Remembered-Passw0rd");
        await signedIn.GotoAsync("/account/settings");
        await Assertions.Expect(signedIn.GetByTestId("current-email")).ToHaveTextAsync(email);
    }

    [Fact]
    public async Task A_shopper_changes_name_password_and_email_saves_an_address_and_finds_it_at_checkout()
    {
        using var api = new ShopApi(browser.Shop);
        var (email, token, _) = await api.RegisterAsync("settled");
        var page = await browser.SignedInAsync(email, ShopApi.CustomerPassword);

        await page.GotoAsync("/account/settings");
        await page.GetByLabel("Name (optional)").FillAsync("Ada Lovelace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your name is saved.");
        await Assertions.Expect(page.GetByLabel("Name (optional)")).ToHaveValueAsync("Ada Lovelace");

        // A wrong current password is refused beside the field, on the page.
        await page.GetByLabel("Current password").FillAsync("Not-The-Passw0rd");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Changed-Passw0rd");
        await page.GetByLabel("New password, again").FillAsync("Changed-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-message")).ToContainTextAsync("current password is not right");
        await page.GetByLabel("Current password").FillAsync(ShopApi.CustomerPassword);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Changed-Passw0rd");
        await page.GetByLabel("New password, again").FillAsync("Changed-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password is changed.");

        var newEmail = ShopApi.UniqueEmail("moved");
        await page.GetByLabel("New e-mail address").FillAsync(newEmail);
        await page.GetByLabel("Your password").FillAsync("Changed-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the confirmation link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmation link");
        await Assertions.Expect(page.GetByTestId("current-email")).ToHaveTextAsync(email);
        await Screenshots.SaveAsync(page, "account-settings");
        await page.GotoAsync(await LinkInMailAsync(newEmail, "email-change", "/confirm-email"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(newEmail);
        await page.GotoAsync("/account/settings");
        await Assertions.Expect(page.GetByTestId("current-email")).ToHaveTextAsync(newEmail);

        await page.GotoAsync("/account/addresses");
        await page.GetByLabel("Full name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("12 St James's Square");
        await page.GetByLabel("City").FillAsync("London");
        await page.GetByLabel("Postal code").FillAsync("SW1Y 4JH");
        await page.GetByLabel("Country").SelectOptionAsync("GB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The address is added.");
        await Assertions.Expect(page.Locator(".address-card--default")).ToContainTextAsync("12 St James's Square");

        var (productId, _, _) = await api.ProductAsync("Account journey mug");
        await AddToCartAsync(token, productId);
        await page.GotoAsync("/checkout");
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByLabel("Postal code")).ToHaveValueAsync("SW1Y 4JH");
        await Assertions.Expect(page.GetByLabel("Country")).ToHaveValueAsync("GB");
    }

    private async Task AddToCartAsync(string token, Guid productId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.Shop.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var added = await http.PutAsJsonAsync($"/api/cart/items/{productId}", new { quantity = 1 });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
    }

    /// <summary>The link to <paramref name="path"/> in the newest e-mail of its kind to <paramref name="to"/>, read from the pickup folder.</summary>
    private async Task<string> LinkInMailAsync(string to, string kind, string path)
    {
        var folder = Path.Combine(browser.Shop.DataDirectory, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var texts = Directory.Exists(folder)
                ? Directory.GetFiles(folder, $"{kind}-*.eml").OrderByDescending(File.GetLastWriteTimeUtc).Select(f => DecodeQuotedPrintable(File.ReadAllText(f)).Replace("&amp;", "&", StringComparison.Ordinal))
                : [];
            var mail = texts.FirstOrDefault(t => t.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase));
            if (mail is not null)
            {
                return Link().Matches(mail).First(m => m.Value.Contains(path, StringComparison.Ordinal)).Value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No {kind} e-mail reached {to}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The message's text as a reader sees it: quoted-printable undone when the message uses it.</summary>
    private static string DecodeQuotedPrintable(string text)
    {
        if (!text.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }
        var joined = text.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && byte.TryParse(joined.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex Link();
}
