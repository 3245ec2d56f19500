namespace CloudMart.Tests.Identity;

/// <summary>Staff look accounts up; only admins grant roles.</summary>
public abstract class ManagingUsers(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task An_admin_grants_the_support_role_and_the_agent_can_then_read_stock()
    {
        var product = await _api.CreateProductAsync(stock: 3);
        var agent = await _api.CustomerAsync();
        await (await agent.Client.GetAsync($"/api/inventory/{product.Sku}")).Problem(HttpStatusCode.Forbidden);
        var admin = await _api.SharedAdminAsync();

        var grant = await admin.PutAsJsonAsync($"/api/admin/users/{agent.Id}/roles", new { roles = new[] { "support" } });

        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var account = await grant.Json();
        Assert.Equal(agent.Id, account.GetProperty("id").GetGuid());
        Assert.Equal(["customer", "support"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var signedInAgain = await _api.SignedInAsync(agent.Email, agent.Password);
        var stock = await signedInAgain.GetAsync($"/api/inventory/{product.Sku}");
        Assert.Equal(HttpStatusCode.OK, stock.StatusCode);
        Assert.Equal(3, (await stock.Json()).GetProperty("onHand").GetInt32());
        var me = await (await signedInAgain.GetAsync("/api/me")).Json();
        Assert.Contains("support", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Granting_roles_keeps_the_customer_role_and_an_empty_list_takes_the_others_away()
    {
        var agent = await _api.StaffAsync("support");
        var admin = await _api.SharedAdminAsync();

        var revoked = await admin.PutAsJsonAsync($"/api/admin/users/{agent.Id}/roles", new { roles = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(["customer"], (await revoked.Json()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var signedInAgain = await _api.SignedInAsync(agent.Email, agent.Password);
        await (await signedInAgain.GetAsync("/api/admin/users")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_an_admin_may_grant_roles()
    {
        var target = await _api.CustomerAsync();
        var support = await _api.SharedSupportAsync();

        await (await support.Client.PutAsJsonAsync($"/api/admin/users/{target.Id}/roles", new { roles = new[] { "admin" } })).Problem(HttpStatusCode.Forbidden);
        await (await target.Client.PutAsJsonAsync($"/api/admin/users/{target.Id}/roles", new { roles = new[] { "admin" } })).Problem(HttpStatusCode.Forbidden);
        await (await _api.Anonymous().PutAsJsonAsync($"/api/admin/users/{target.Id}/roles", new { roles = new[] { "admin" } })).Problem(HttpStatusCode.Unauthorized);

        var signedInAgain = await _api.SignedInAsync(target.Email, target.Password);
        var me = await (await signedInAgain.GetAsync("/api/me")).Json();
        Assert.Equal(["customer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task Granting_an_unknown_role_is_refused_with_400()
    {
        var target = await _api.CustomerAsync();
        var admin = await _api.SharedAdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{target.Id}/roles", new { roles = new[] { "superuser" } });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task Granting_roles_without_a_roles_list_is_refused_with_400()
    {
        var target = await _api.CustomerAsync();
        var admin = await _api.SharedAdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{target.Id}/roles", new { });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task Granting_roles_to_an_unknown_account_is_404()
    {
        var admin = await _api.SharedAdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{Guid.NewGuid()}/roles", new { roles = new[] { "support" } });

        await response.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_cannot_take_the_admin_role_from_themself()
    {
        var admin = await _api.SharedAdminAsync();
        var adminId = await _api.IdOfAsync(admin);

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{adminId}/roles", new { roles = new[] { "customer" } });

        await response.Problem(HttpStatusCode.Conflict);
        var me = await (await admin.GetAsync("/api/me")).Json();
        Assert.Contains("admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Support_and_admin_list_accounts_and_filter_them_by_email()
    {
        var target = await _api.CustomerAsync(Api.UniqueEmail("findme"));
        var support = await _api.SharedSupportAsync();
        var admin = await _api.SharedAdminAsync();

        foreach (var staff in new[] { support.Client, admin })
        {
            var all = await staff.GetAsync("/api/admin/users");
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
            var page = await all.Json();
            Assert.True(page.GetProperty("totalCount").GetInt32() >= 3);
            Assert.Equal(1, page.GetProperty("page").GetInt32());
            Assert.Equal(20, page.GetProperty("pageSize").GetInt32());

            var found = await (await staff.GetAsync($"/api/admin/users?email={Uri.EscapeDataString(target.Email)}")).Json();
            Assert.Equal(1, found.GetProperty("totalCount").GetInt32());
            var account = Assert.Single(found.GetProperty("items").EnumerateArray());
            Assert.Equal(target.Id, account.GetProperty("id").GetGuid());
            Assert.Equal(target.Email, account.GetProperty("email").GetString());
            Assert.Equal(["customer"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        }
    }

    [Fact]
    public async Task A_customer_may_not_list_accounts()
    {
        var customer = await _api.SharedCustomerAsync();

        await (await customer.Client.GetAsync("/api/admin/users")).Problem(HttpStatusCode.Forbidden);
        await (await _api.Anonymous().GetAsync("/api/admin/users")).Problem(HttpStatusCode.Unauthorized);
    }
}

public sealed class ManagingUsersOnSqlite(SqliteShop shop) : ManagingUsers(shop), IClassFixture<SqliteShop>;

public sealed class ManagingUsersOnPostgres(PostgresShop shop) : ManagingUsers(shop), IClassFixture<PostgresShop>;
