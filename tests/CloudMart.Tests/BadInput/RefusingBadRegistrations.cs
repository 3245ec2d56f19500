using System.Text.Json.Nodes;

namespace CloudMart.Tests.BadInput;

/// <summary>POST /api/auth/register refuses every kind of bad input with a 4xx problem and opens no account.</summary>
public abstract class RefusingBadRegistrations(ShopFactory shop)
{
    public const string Valid = """{"email":"{email}","password":"Customer-Passw0rd"}""";

    public static TheoryData<string, string> Cases => BadBodies.Malformed()
        .Concat(BadBodies.HostileStrings(Valid, "email", "password"))
        .Concat(BadBodies.Values(Valid, "email", BadBodies.Script, BadBodies.Sql))
        .Concat(BadBodies.WrongTypes(Valid, [], ["email", "password"]))
        .Concat(BadBodies.Values(Valid, "email", "", "not-an-email", "a@b", "@example.com", "ada@example.com\nBcc: eve@example.com", null))
        .Concat(BadBodies.Values(Valid, "password", "", "short1A", "Aa1" + new string('a', 126), null))
        .Concat(BadBodies.Missing(Valid, "email", "password"))
        .ToTheoryData();

    private readonly Api _api = shop.Api();

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(RefusingBadRegistrations))]
    public async Task A_bad_registration_is_refused_with_400_and_no_account_is_opened(string badInput, string body)
    {
        var before = await _api.AccountCountAsync();

        var response = await Api.SendAsync(_api.Anonymous(), HttpMethod.Post, "/api/auth/register", body.Replace("{email}", Api.UniqueEmail("bad"), StringComparison.Ordinal));

        await response.RefusedAsync(HttpStatusCode.BadRequest, badInput);
        Assert.Equal(before, await _api.AccountCountAsync());
    }

    [Fact]
    public async Task The_valid_body_the_bad_cases_start_from_is_accepted()
    {
        var response = await Api.SendAsync(_api.Anonymous(), HttpMethod.Post, "/api/auth/register", Valid.Replace("{email}", Api.UniqueEmail("good"), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var before = await _api.AccountCountAsync();

        var response = await Api.SendAsync(_api.Anonymous(), HttpMethod.Post, "/api/auth/register",
            Refusals.Oversized(Valid, "password").Replace("{email}", Api.UniqueEmail("big"), StringComparison.Ordinal));

        await response.RefusedAsync(HttpStatusCode.RequestEntityTooLarge, "a body over 256 KiB");
        Assert.Equal(before, await _api.AccountCountAsync());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_so_a_new_account_cannot_make_itself_admin()
    {
        var email = Api.UniqueEmail("sneaky");
        var body = JsonNode.Parse(Valid.Replace("{email}", email, StringComparison.Ordinal))!.AsObject();
        body["roles"] = new JsonArray("admin", "support");
        body["id"] = Guid.Empty.ToString();
        body["emailConfirmed"] = true;
        body["lockoutEnabled"] = false;

        var response = await Api.SendAsync(_api.Anonymous(), HttpMethod.Post, "/api/auth/register", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = await response.Json();
        Assert.NotEqual(Guid.Empty, account.GetProperty("id").GetGuid());
        Assert.Equal(["customer"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var signedIn = await _api.SignedInAsync(email, Api.Password);
        await (await signedIn.GetAsync("/api/admin/users")).Problem(HttpStatusCode.Forbidden);
    }
}

public sealed class RefusingBadRegistrationsOnSqlite(SqliteShop shop) : RefusingBadRegistrations(shop), IClassFixture<SqliteShop>;

public sealed class RefusingBadRegistrationsOnPostgres(PostgresShop shop) : RefusingBadRegistrations(shop), IClassFixture<PostgresShop>;
