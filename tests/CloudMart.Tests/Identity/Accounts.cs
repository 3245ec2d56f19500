namespace CloudMart.Tests.Identity;

/// <summary>Registering, signing in, refreshing tokens and asking who you are.</summary>
public abstract class Accounts(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task Registering_creates_a_customer_account_and_returns_it_with_201()
    {
        var email = Api.UniqueEmail("new");

        var response = await _api.Anonymous().PostAsJsonAsync("/api/auth/register", new { email, password = Api.Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = await response.Json();
        Assert.NotEqual(Guid.Empty, account.GetProperty("id").GetGuid());
        Assert.Equal(email, account.GetProperty("email").GetString());
        Assert.Equal(["customer"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("no-domain@")]
    [InlineData("spaces in@example.com")]
    [InlineData("")]
    public async Task Registering_with_a_bad_email_is_refused_with_errors_on_email(string email)
    {
        var response = await _api.Anonymous().PostAsJsonAsync("/api/auth/register", new { email, password = Api.Password });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _), problem.ToString());
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase1")]
    [InlineData("ALLUPPERCASE1")]
    [InlineData("NoDigitsHere")]
    [InlineData("")]
    public async Task Registering_with_a_weak_password_is_refused_with_errors_on_password(string password)
    {
        var response = await _api.Anonymous().PostAsJsonAsync("/api/auth/register", new { email = Api.UniqueEmail(), password });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.ToString());
    }

    [Fact]
    public async Task Registering_an_email_that_is_taken_is_refused_with_errors_on_email()
    {
        var existing = await _api.SharedCustomerAsync();

        var again = await _api.Anonymous().PostAsJsonAsync("/api/auth/register", new { email = existing.Email.ToUpperInvariant(), password = "Another-Passw0rd" });

        var problem = await again.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(existing.Email, Api.Password)).StatusCode);
    }

    [Fact]
    public async Task Signing_in_returns_a_bearer_token_that_opens_the_account()
    {
        var customer = await _api.SharedCustomerAsync();

        var login = await _api.LoginAsync(customer.Email, Api.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = await login.Json();
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
        Assert.True(tokens.GetProperty("expiresIn").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refreshToken").GetString()));
        var me = await _api.WithToken(tokens.GetProperty("accessToken").GetString()!).GetAsync("/api/me");
        Assert.Equal(customer.Id, (await me.Json()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Signing_in_with_a_wrong_password_is_refused_with_a_401_problem()
    {
        var customer = await _api.CustomerAsync();

        await (await _api.LoginAsync(customer.Email, "Wrong-Passw0rd")).Problem(HttpStatusCode.Unauthorized);
        await (await _api.LoginAsync(Api.UniqueEmail("nobody"), Api.Password)).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_is_traded_for_new_working_tokens()
    {
        var customer = await _api.SharedCustomerAsync();
        var tokens = await (await _api.LoginAsync(customer.Email, Api.Password)).Json();

        var refreshed = await _api.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var fresh = await refreshed.Json();
        Assert.Equal("Bearer", fresh.GetProperty("tokenType").GetString());
        Assert.True(fresh.GetProperty("expiresIn").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(fresh.GetProperty("refreshToken").GetString()));
        var me = await _api.WithToken(fresh.GetProperty("accessToken").GetString()!).GetAsync("/api/me");
        Assert.Equal(customer.Email, (await me.Json()).GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_garbage_refresh_token_is_refused_with_401(string refreshToken)
    {
        var response = await _api.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

        await response.Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_access_token_is_not_accepted_as_a_refresh_token()
    {
        var customer = await _api.SharedCustomerAsync();
        var tokens = await (await _api.LoginAsync(customer.Email, Api.Password)).Json();

        var response = await _api.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("accessToken").GetString() });

        await response.Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_returns_the_signed_in_account()
    {
        var customer = await _api.SharedCustomerAsync();

        var me = await customer.Client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var account = await me.Json();
        Assert.Equal(customer.Id, account.GetProperty("id").GetGuid());
        Assert.Equal(customer.Email, account.GetProperty("email").GetString());
        Assert.Equal(["customer"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task Me_without_a_token_or_with_a_forged_one_is_401()
    {
        await (await _api.Anonymous().GetAsync("/api/me")).Problem(HttpStatusCode.Unauthorized);
        await (await _api.WithToken("forged-token").GetAsync("/api/me")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_is_refused()
    {
        var customer = await _api.CustomerAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await (await _api.LoginAsync(customer.Email, $"Wrong-Passw0rd{attempt}")).Problem(HttpStatusCode.Unauthorized);
        }
        var locked = await _api.LoginAsync(customer.Email, Api.Password);

        var problem = await locked.Problem(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class AccountsOnSqlite(SqliteShop shop) : Accounts(shop), IClassFixture<SqliteShop>;

public sealed class AccountsOnPostgres(PostgresShop shop) : Accounts(shop), IClassFixture<PostgresShop>;
