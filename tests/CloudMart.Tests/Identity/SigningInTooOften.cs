namespace CloudMart.Tests.Identity;

/// <summary>A shop that allows only three sign-in attempts per client a minute.</summary>
public sealed class StrictSignInShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CloudMart:RateLimits:SignInPerMinute"] = "3",
    };
}

/// <summary>Sign-in is rate limited per client, so passwords cannot be guessed at speed.</summary>
public sealed class SigningInTooOften(StrictSignInShop shop) : IClassFixture<StrictSignInShop>
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task The_fourth_sign_in_attempt_within_a_minute_is_refused_with_429_and_Retry_After()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await (await _api.LoginAsync(Api.UniqueEmail("guess"), "Guess-Passw0rd")).Problem(HttpStatusCode.Unauthorized);
        }

        var fourth = await _api.LoginAsync(ShopFactory.AdminEmail, ShopFactory.AdminPassword);

        await fourth.Problem(HttpStatusCode.TooManyRequests);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {fourth.Headers.RetryAfter}");
    }
}
