using System.Text.RegularExpressions;
using CloudMart.Tests.Ordering;
using CloudMart.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Web;

/// <summary>
/// The confirmation and order pages as a browser gets them (static SSR, signed in with the shop's cookie): they tell
/// the payment's real state, offer only what the order allows, and answer every form, stale ones included, with the
/// page and a message rather than an error page.
/// </summary>
public abstract class OrderPagesAfterPayment(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task The_confirmation_page_thanks_the_shopper_only_once_the_payment_is_authorised()
    {
        var (buyer, page) = await ShopperAsync();
        var id = await PlaceAsync(buyer, "tok_visa");
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "Confirmed");

        var html = await PageAsync(page, $"/checkout/confirmation/{id}");

        Assert.Contains("data-state=\"confirmed\"", html, StringComparison.Ordinal);
        Assert.Contains("Thank you — your order is confirmed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("declined", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_confirmation_page_of_a_declined_order_says_so_and_offers_another_card_never_a_thank_you()
    {
        var (buyer, page) = await ShopperAsync();
        var id = await PlaceAsync(buyer, "tok_chargeDeclined");
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "PaymentFailed");

        var html = await PageAsync(page, $"/checkout/confirmation/{id}");

        Assert.Contains("data-state=\"declined\"", html, StringComparison.Ordinal);
        Assert.Contains("Your card was declined", html, StringComparison.Ordinal);
        Assert.Contains("The card was declined.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Thank you", html, StringComparison.Ordinal);
        Assert.Contains(Handler("pay-again"), html, StringComparison.Ordinal);
        Assert.Contains(Handler("put-back-in-cart"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_payment_is_being_authorised_the_confirmation_page_says_so_and_watches_it()
    {
        var gateway = shop.Services.GetRequiredService<SwitchableGateway>();
        var (buyer, page) = await ShopperAsync();
        gateway.Broken = true;
        Guid id;
        string html;
        try
        {
            id = await PlaceAsync(buyer, "tok_visa");
            html = await PageAsync(page, $"/checkout/confirmation/{id}");
        }
        finally
        {
            gateway.Broken = false;
        }

        Assert.Contains("data-state=\"placed\"", html, StringComparison.Ordinal);
        Assert.Contains("confirming your payment", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Thank you", html, StringComparison.Ordinal);
        Assert.Contains($"data-watching=\"{id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paying_again_from_the_page_puts_the_order_through_with_the_new_card()
    {
        var (buyer, page) = await ShopperAsync();
        var id = await PlaceAsync(buyer, "tok_chargeDeclined");
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "PaymentFailed");
        var form = await PageAsync(page, $"/account/orders/{id}");
        var key = Regex.Match(form, "name=\"PayAgain.IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(key);

        var fields = new Dictionary<string, string> { ["PayAgain.PaymentToken"] = "tok_visa", ["PayAgain.IdempotencyKey"] = key };
        var first = await PageForms.PostAsync(page, $"/account/orders/{id}", "pay-again", form, fields);
        // A second press of the same form (same key) pays once and lands on the same page.
        var second = await PageForms.PostAsync(page, $"/account/orders/{id}", "pay-again", form, fields);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"/checkout/confirmation/{id}", response.RequestMessage!.RequestUri!.AbsolutePath);
        }
        var order = await PayingAgain.WaitForStatusAsync(buyer.Client, id, "Confirmed");
        Assert.Equal(2, order.GetProperty("paymentAttempt").GetInt32());
        Assert.Contains("Thank you — your order is confirmed", await PageAsync(page, $"/checkout/confirmation/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Putting_a_declined_order_back_in_the_cart_from_the_page_says_what_went_in()
    {
        var (buyer, page) = await ShopperAsync();
        var id = await PlaceAsync(buyer, "tok_chargeDeclined");
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "PaymentFailed");
        var form = await PageAsync(page, $"/checkout/confirmation/{id}");

        var response = await PageForms.PostAsync(page, $"/checkout/confirmation/{id}", "put-back-in-cart", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("In your cart now: 2 ×", html, StringComparison.Ordinal);
        Assert.Single((await (await buyer.Client.GetAsync("/api/cart")).Json()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Cancelling_from_the_order_page_asks_to_confirm_first()
    {
        var (buyer, page) = await ShopperAsync();
        var id = await PlaceAsync(buyer, "tok_visa");
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "Confirmed");

        var first = await PageAsync(page, $"/account/orders/{id}");
        Assert.Contains($"href=\"/account/orders/{id}?confirm=cancel\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain(Handler("cancel-order"), first, StringComparison.Ordinal);

        var asking = await PageAsync(page, $"/account/orders/{id}?confirm=cancel");
        Assert.Contains("Yes, cancel the order", asking, StringComparison.Ordinal);
        Assert.Contains(Handler("cancel-order"), asking, StringComparison.Ordinal);
        var response = await PageForms.PostAsync(page, $"/account/orders/{id}?confirm=cancel", "cancel-order", asking);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your order is cancelled", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Cancelled", (await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_shipped_order_offers_no_cancel_and_a_stale_cancel_gets_the_page_with_a_message()
    {
        var (buyer, page) = await ShopperAsync();
        var id = await PlaceAsync(buyer, "tok_visa");
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "Confirmed");
        var asking = await PageAsync(page, $"/account/orders/{id}?confirm=cancel"); // the shopper is about to cancel…
        var admin = await _api.SharedAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "Parcel Co", trackingNumber = "PC1" })).StatusCode);

        var shipped = await PageAsync(page, $"/account/orders/{id}");
        Assert.DoesNotContain("Cancel order", shipped, StringComparison.Ordinal);
        Assert.DoesNotContain("You can cancel until the order ships", shipped, StringComparison.Ordinal);
        Assert.DoesNotContain("Yes, cancel the order", await PageAsync(page, $"/account/orders/{id}?confirm=cancel"), StringComparison.Ordinal);

        // …and presses "Yes, cancel" on the page they still have open.
        var response = await PageForms.PostAsync(page, $"/account/orders/{id}?confirm=cancel", "cancel-order", asking);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("has shipped and can no longer be cancelled", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Yes, cancel the order", html, StringComparison.Ordinal);
        Assert.Equal("Shipped", (await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stale_pay_again_form_gets_the_page_with_a_message()
    {
        var (buyer, page) = await ShopperAsync();
        var id = await PlaceAsync(buyer, "tok_chargeDeclined");
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "PaymentFailed");
        var form = await PageAsync(page, $"/account/orders/{id}");
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsJsonAsync($"/api/orders/{id}/retry-payment", new { paymentToken = "tok_visa" })).StatusCode);
        await PayingAgain.WaitForStatusAsync(buyer.Client, id, "Confirmed");

        var response = await PageForms.PostAsync(page, $"/account/orders/{id}", "pay-again", form,
            new Dictionary<string, string> { ["PayAgain.PaymentToken"] = "tok_visa", ["PayAgain.IdempotencyKey"] = "web-retry-another-key" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("there is nothing to pay again", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /// <summary>A page's HTML as a reader sees its text (the renderer encodes "—" and "×" as character references).</summary>
    private static async Task<string> PageAsync(HttpClient page, string url) => WebUtility.HtmlDecode(await page.GetStringAsync(url));

    private static string Handler(string form) => $"name=\"_handler\" value=\"{form}\"";

    private async Task<Guid> PlaceAsync(Customer buyer, string token)
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var response = await Api.PlaceOrderAsync(buyer.Client, [(product.Id, 2)], paymentToken: token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    /// <summary>A customer, and a browser-like client signed in as them through the sign-in page (the shop's cookie).</summary>
    private async Task<(Customer Buyer, HttpClient Page)> ShopperAsync()
    {
        var customer = await _api.CustomerAsync();
        return (customer, await PageForms.SignedInAsync(shop, customer.Email, customer.Password));
    }
}

public sealed class OrderPagesAfterPaymentOnSqlite(SqlitePipelineShop shop) : OrderPagesAfterPayment(shop), IClassFixture<SqlitePipelineShop>;

public sealed class OrderPagesAfterPaymentOnPostgres(PostgresPipelineShop shop) : OrderPagesAfterPayment(shop), IClassFixture<PostgresPipelineShop>;
