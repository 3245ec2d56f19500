namespace CloudMart.Tests.Account;

/// <summary>Two account e-mails per account an hour, links that live two seconds.</summary>
public sealed class StrictAccountMailSqliteShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => StrictAccountMail.Settings;
}

public sealed class StrictAccountMailPostgresShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => StrictAccountMail.Settings;
}

internal static class StrictAccountMail
{
    public static Dictionary<string, string?> Settings => new()
    {
        ["CloudMart:RateLimits:AccountEmailsPerHourPerClient"] = "100000",
        ["CloudMart:RateLimits:AccountEmailsPerHourPerAccount"] = "2",
        ["CloudMart:Accounts:LinkLifetime"] = "00:00:02",
    };
}

/// <summary>Every route that sends an account e-mail is limited per account; reset links expire.</summary>
public abstract class AccountEmailLimits(ShopFactory shop)
{
    private readonly Api _api = shop.Api();
    private readonly AccountMailbox _mail = new(shop);

    [Fact]
    public async Task The_third_reset_request_for_one_address_within_the_hour_answers_429_whether_or_not_it_has_an_account()
    {
        var customer = await _api.CustomerAsync();
        var unknown = Api.UniqueEmail("nobody");

        foreach (var email in new[] { customer.Email, unknown })
        {
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                Assert.Equal(HttpStatusCode.Accepted, (await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email })).StatusCode);
            }
            var third = await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email });
            await third.Problem(HttpStatusCode.TooManyRequests);
            Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {third.Headers.RetryAfter}");
        }
        Assert.Equal(2, _mail.To(customer.Email, "password-reset").Count);
    }

    [Fact]
    public async Task The_third_email_change_link_within_the_hour_answers_429()
    {
        var customer = await _api.CustomerAsync();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var asked = await customer.Client.PostAsJsonAsync("/api/account/email", new { newEmail = Api.UniqueEmail("moved"), password = customer.Password });
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }
        var third = await customer.Client.PostAsJsonAsync("/api/account/email", new { newEmail = Api.UniqueEmail("moved"), password = customer.Password });

        await third.Problem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_reset_link_no_longer_works_once_it_has_expired()
    {
        var customer = await _api.CustomerAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email = customer.Email })).StatusCode);
        var query = AccountMailbox.Query(_mail.LinkIn(customer.Email, "password-reset", "/reset-password"));

        await Task.Delay(TimeSpan.FromSeconds(3));
        var late = await _api.Anonymous().PostAsJsonAsync("/api/auth/reset-password", new { userId = query["user"], token = query["code"], newPassword = "Too-Late-Passw0rd" });

        Assert.True((await late.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(customer.Email, customer.Password)).StatusCode);
    }
}

public sealed class AccountEmailLimitsOnSqlite(StrictAccountMailSqliteShop shop) : AccountEmailLimits(shop), IClassFixture<StrictAccountMailSqliteShop>;

public sealed class AccountEmailLimitsOnPostgres(StrictAccountMailPostgresShop shop) : AccountEmailLimits(shop), IClassFixture<StrictAccountMailPostgresShop>;

/// <summary>Three account e-mails per client address an hour.</summary>
public sealed class StrictClientMailShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CloudMart:RateLimits:AccountEmailsPerHourPerClient"] = "3",
        ["CloudMart:RateLimits:AccountEmailsPerHourPerAccount"] = "100000",
    };
}

/// <summary>One client cannot spray reset e-mails over many addresses.</summary>
public sealed class AccountEmailLimitsPerClient(StrictClientMailShop shop) : IClassFixture<StrictClientMailShop>
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task The_fourth_reset_request_from_one_client_within_the_hour_answers_429()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email = Api.UniqueEmail("spray") })).StatusCode);
        }

        var fourth = await _api.Anonymous().PostAsJsonAsync("/api/auth/forgot-password", new { email = Api.UniqueEmail("spray") });

        await fourth.Problem(HttpStatusCode.TooManyRequests);
    }
}
