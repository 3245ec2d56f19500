using CloudMart.Modules.Customers.Data;
using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers.Me;

/// <summary>GET /api/me: who the caller is.</summary>
internal static class MeEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/me", HandleAsync)
            .WithTags("Identity")
            .WithName("Me")
            .WithSummary("The signed-in account: id, email and roles.")
            .RequireAuthorization(Policies.SignedIn);

    internal static async Task<Results<Ok<AccountView>, UnauthorizedHttpResult>> HandleAsync(ClaimsPrincipal principal, UserManager<ShopUser> users)
    {
        var user = await users.GetUserAsync(principal);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(await AccountView.FromAsync(user, users));
    }
}
