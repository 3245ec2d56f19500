using CloudMart.Modules.Cart.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Account;

public sealed class AccountSqliteShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => AccountShops.Generous;
}

public sealed class AccountPostgresShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => AccountShops.Generous;
}

internal static class AccountShops
{
    /// <summary>The relay runs (welcome e-mails, other modules forgetting a closed account); limits stay out of the way.</summary>
    public static Dictionary<string, string?> Generous => new()
    {
        ["CloudMart:Relay:Enabled"] = "true",
        ["CloudMart:RateLimits:AccountEmailsPerHourPerClient"] = "100000",
        ["CloudMart:RateLimits:AccountEmailsPerHourPerAccount"] = "100000",
    };
}

/// <summary>
/// Account self-service through the API: forgot and reset password, change password and e-mail with Identity's own
/// tokens, the address book, downloading your data and closing your account.
/// </summary>
public abstract class AccountSelfService(ShopFactory shop)
{
    private readonly Api _api = shop.Api();
    private readonly AccountMailbox _mail = new(shop);

    [Fact]
    public async Task A_new_customer_gets_a_welcome_email()
    {
        var customer = await _api.CustomerAsync();

        var welcome = await _mail.AwaitAsync(customer.Email, "welcome");

        Assert.Equal("Welcome to CloudMart", welcome.Subject);
    }

    [Fact]
    public async Task Forgot_password_emails_a_reset_link_that_works_exactly_once()
    {
        var customer = await _api.CustomerAsync();

        var asked = await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email = customer.Email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var link = _mail.LinkIn(customer.Email, "password-reset", "/reset-password");
        var query = AccountMailbox.Query(link);
        var reset = new { userId = query["user"], token = query["code"], newPassword = "Brand-New-Passw0rd" };
        var first = await _api.Anonymous().PostAsJsonAsync("/api/auth/reset-password", reset);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(customer.Email, "Brand-New-Passw0rd")).StatusCode);
        await (await _api.LoginAsync(customer.Email, customer.Password)).Problem(HttpStatusCode.Unauthorized);

        var again = await _api.Anonymous().PostAsJsonAsync("/api/auth/reset-password", reset with { newPassword = "Third-Passw0rd-x" });

        var problem = await again.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _), problem.ToString());
        await (await _api.LoginAsync(customer.Email, "Third-Passw0rd-x")).Problem(HttpStatusCode.Unauthorized);
        Assert.Single(_mail.To(customer.Email, "password-changed"));
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_as_a_real_one_and_no_email_is_sent()
    {
        var customer = await _api.CustomerAsync();
        var unknown = Api.UniqueEmail("nobody");
        var before = _mail.To(unknown, "password-reset").Count;

        var forUnknown = await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email = unknown });
        var forReal = await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email = customer.Email });

        Assert.Equal(forReal.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forReal.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(before, _mail.To(unknown, "password-reset").Count);
        Assert.Single(_mail.To(customer.Email, "password-reset"));
    }

    [Theory]
    [InlineData("""{"email":"not-an-email"}""", "email")]
    [InlineData("""{}""", "email")]
    public async Task A_bad_forgot_password_request_is_a_validation_problem(string body, string field)
    {
        var response = await Api.SendAsync(_api.Anonymous(), HttpMethod.Post, "/api/auth/forgot-password", body);

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("""{"userId":"00000000-0000-0000-0000-000000000001","token":"bm90LWEtdG9rZW4","newPassword":"Brand-New-Passw0rd"}""", "token")]
    [InlineData("""{"userId":"00000000-0000-0000-0000-000000000001","token":"%%%","newPassword":"Brand-New-Passw0rd"}""", "token")]
    [InlineData("""{"token":"x"}""", "newPassword")]
    public async Task A_made_up_reset_is_refused_with_a_problem(string body, string field)
    {
        var response = await Api.SendAsync(_api.Anonymous(), HttpMethod.Post, "/api/auth/reset-password", body);

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        var customer = await _api.CustomerAsync();

        var wrong = await customer.Client.PostAsJsonAsync("/api/account/password", new { currentPassword = "Not-The-Passw0rd", newPassword = "Changed-Passw0rd" });
        var weak = await customer.Client.PostAsJsonAsync("/api/account/password", new { currentPassword = customer.Password, newPassword = "weak" });
        var right = await customer.Client.PostAsJsonAsync("/api/account/password", new { currentPassword = customer.Password, newPassword = "Changed-Passw0rd" });

        Assert.True((await wrong.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.True((await weak.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(customer.Email, "Changed-Passw0rd")).StatusCode);
        await (await _api.LoginAsync(customer.Email, customer.Password)).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_email_address_takes_effect_only_through_the_link_sent_to_it()
    {
        var customer = await _api.CustomerAsync();
        var newEmail = Api.UniqueEmail("moved");

        var wrongPassword = await customer.Client.PostAsJsonAsync("/api/account/email", new { newEmail, password = "Not-The-Passw0rd" });
        var asked = await customer.Client.PostAsJsonAsync("/api/account/email", new { newEmail, password = customer.Password });

        await wrongPassword.Problem(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(customer.Email, (await (await customer.Client.GetAsync("/api/account")).Json()).GetProperty("email").GetString());
        Assert.Empty(_mail.To(customer.Email, "email-change"));
        var query = AccountMailbox.Query(_mail.LinkIn(newEmail, "email-change", "/confirm-email"));
        Assert.Equal(newEmail, query["email"]);

        var confirmed = await _api.Anonymous().PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["user"], email = query["email"], token = query["code"] });

        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        var signedIn = await _api.SignedInAsync(newEmail, customer.Password);
        Assert.Equal(newEmail, (await (await signedIn.GetAsync("/api/me")).Json()).GetProperty("email").GetString());
        await (await _api.LoginAsync(customer.Email, customer.Password)).Problem(HttpStatusCode.Unauthorized);
        Assert.Single(_mail.To(customer.Email, "email-changed"));
        var replay = await _api.Anonymous().PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["user"], email = query["email"], token = query["code"] });
        await replay.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_email_address_of_another_account_cannot_be_taken()
    {
        var customer = await _api.CustomerAsync();
        var other = await _api.CustomerAsync();

        var response = await customer.Client.PostAsJsonAsync("/api/account/email", new { newEmail = other.Email, password = customer.Password });

        Assert.True((await response.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("newEmail", out _));
        Assert.Empty(_mail.To(other.Email, "email-change"));
    }

    [Fact]
    public async Task The_name_is_saved_checked_and_cleared()
    {
        var customer = await _api.CustomerAsync();

        var named = await customer.Client.PutAsJsonAsync("/api/account/name", new { name = "Ada O'Neil" });
        var tooLong = await customer.Client.PutAsJsonAsync("/api/account/name", new { name = new string('a', 101) });

        Assert.Equal("Ada O'Neil", (await named.Json()).GetProperty("name").GetString());
        Assert.True((await tooLong.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal("Ada O'Neil", (await (await customer.Client.GetAsync("/api/account")).Json()).GetProperty("name").GetString());
        var cleared = await customer.Client.PutAsJsonAsync("/api/account/name", new { name = "" });
        Assert.Equal(JsonValueKind.Null, (await cleared.Json()).GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task The_address_book_keeps_exactly_one_default()
    {
        var customer = await _api.CustomerAsync();

        var home = await (await customer.Client.PostAsJsonAsync("/api/account/addresses", Address("Home", "1 Elm Street"))).Json();
        var work = await (await customer.Client.PostAsJsonAsync("/api/account/addresses", Address("Work", "9 Dock Road"))).Json();

        Assert.True(home.GetProperty("isDefault").GetBoolean());
        Assert.False(work.GetProperty("isDefault").GetBoolean());
        var workId = work.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await customer.Client.PostAsync($"/api/account/addresses/{workId}/default", null)).StatusCode);
        Assert.Equal(["Work"], await DefaultNamesAsync(customer.Client));
        Assert.Equal(HttpStatusCode.NoContent, (await customer.Client.DeleteAsync($"/api/account/addresses/{workId}")).StatusCode);
        Assert.Equal(["Home"], await DefaultNamesAsync(customer.Client));
        var edited = await customer.Client.PutAsJsonAsync($"/api/account/addresses/{home.GetProperty("id").GetGuid()}", Address("Home", "2 Elm Street"));
        Assert.Equal("2 Elm Street", (await edited.Json()).GetProperty("line1").GetString());
    }

    [Fact]
    public async Task Another_customers_address_is_not_found_and_bad_addresses_are_problems()
    {
        var owner = await _api.CustomerAsync();
        var other = await _api.CustomerAsync();
        var id = (await (await owner.Client.PostAsJsonAsync("/api/account/addresses", Address("Home", "1 Elm Street"))).Json()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PutAsJsonAsync($"/api/account/addresses/{id}", Address("Mine", "1 Elm Street"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/account/addresses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsync($"/api/account/addresses/{id}/default", null)).StatusCode);
        var bad = await other.Client.PostAsJsonAsync("/api/account/addresses", new { name = "", line1 = "x", city = "y", postalCode = "#!", country = "USA" });
        var errors = (await bad.Problem(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("postalCode", out _) && errors.TryGetProperty("country", out _), errors.ToString());
        Assert.Single(await AddressesAsync(owner.Client));
        Assert.Empty(await AddressesAsync(other.Client));
    }

    [Fact]
    public async Task Downloaded_data_holds_the_customers_own_account_addresses_and_orders_only()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        var other = await _api.CustomerAsync();
        await customer.Client.PostAsJsonAsync("/api/account/addresses", Address("Mine", "1 Elm Street"));
        await other.Client.PostAsJsonAsync("/api/account/addresses", Address("Theirs", "7 Other Lane"));
        var mine = (await Api.PlacedOrderAsync(customer.Client, (product.Id, 1))).GetProperty("id").GetGuid();
        var theirs = (await Api.PlacedOrderAsync(other.Client, (product.Id, 2))).GetProperty("id").GetGuid();

        var response = await customer.Client.GetAsync("/api/account/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        var data = JsonDocument.Parse(text).RootElement;
        Assert.Equal(customer.Email, data.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(["Mine"], data.GetProperty("addresses").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray());
        Assert.Equal([mine], data.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray());
        Assert.DoesNotContain(other.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(theirs.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Theirs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Closing_an_account_keeps_its_orders_and_removes_its_personal_data()
    {
        var product = await _api.CreateProductAsync(stock: 10);
        var customer = await _api.CustomerAsync();
        var tokens = await (await _api.LoginAsync(customer.Email, customer.Password)).Json();
        await customer.Client.PutAsJsonAsync("/api/account/name", new { name = "Ada Shopper" });
        await customer.Client.PostAsJsonAsync("/api/account/addresses", Address("Home", "1 Elm Street"));
        var order = (await Api.PlacedOrderAsync(customer.Client, (product.Id, 1))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await customer.Client.PutAsJsonAsync($"/api/cart/items/{product.Id}", new { quantity = 2 })).StatusCode);

        var wrong = await Api.SendAsync(customer.Client, HttpMethod.Delete, "/api/account", """{"password":"Not-The-Passw0rd"}""");
        var closed = await Api.SendAsync(customer.Client, HttpMethod.Delete, "/api/account", JsonSerializer.Serialize(new { password = customer.Password }));

        Assert.True((await wrong.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await (await _api.LoginAsync(customer.Email, customer.Password)).Problem(HttpStatusCode.Unauthorized);
        var refresh = await _api.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        await refresh.Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await customer.Client.GetAsync("/api/account")).StatusCode);
        var admin = await _api.SharedAdminAsync();
        var kept = await (await admin.GetAsync($"/api/orders/{order}")).Json();
        Assert.Equal(customer.Id, kept.GetProperty("customerId").GetGuid());
        var found = await (await admin.GetAsync($"/api/admin/users?email={Uri.EscapeDataString(customer.Email)}")).Json();
        Assert.Equal(0, found.GetProperty("totalCount").GetInt32());
        Assert.Single(_mail.To(customer.Email, "account-closed"));
        await EventuallyAsync(async () => await CartLinesAsync(customer.Id) == 0, "the closed account's cart is emptied");
        // The address is free again: its owner may open a new account with it.
        Assert.Equal(HttpStatusCode.Created, (await _api.Anonymous().PostAsJsonAsync("/api/auth/register", new { email = customer.Email, password = Api.Password })).StatusCode);
    }

    [Fact]
    public async Task A_staff_account_cannot_close_itself()
    {
        var support = await _api.StaffAsync("support");

        var response = await Api.SendAsync(support.Client, HttpMethod.Delete, "/api/account", JsonSerializer.Serialize(new { password = support.Password }));

        await response.Problem(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(support.Email, support.Password)).StatusCode);
    }

    private static object Address(string name, string line1) => new { name, line1, city = "Portland", postalCode = "97201", country = "us" };

    private static async Task<JsonElement[]> AddressesAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/account/addresses")).Json()).EnumerateArray().ToArray();

    private static async Task<string[]> DefaultNamesAsync(HttpClient client) =>
        (await AddressesAsync(client)).Where(a => a.GetProperty("isDefault").GetBoolean()).Select(a => a.GetProperty("name").GetString()!).ToArray();

    private async Task<int> CartLinesAsync(Guid customerId)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CartDbContext>().Items.CountAsync(i => i.CustomerId == customerId);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}

public sealed class AccountSelfServiceOnSqlite(AccountSqliteShop shop) : AccountSelfService(shop), IClassFixture<AccountSqliteShop>;

public sealed class AccountSelfServiceOnPostgres(AccountPostgresShop shop) : AccountSelfService(shop), IClassFixture<AccountPostgresShop>;
