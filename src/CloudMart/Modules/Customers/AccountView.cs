using CloudMart.Modules.Customers.Data;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers;

/// <summary><c>{id, email, roles}</c>, as GET /api/me returns it.</summary>
internal sealed record AccountView(Guid Id, string Email, IReadOnlyList<string> Roles, DateTime RegisteredAt)
{
    public static async Task<AccountView> FromAsync(ShopUser user, UserManager<ShopUser> users) =>
        new(user.Id, user.Email ?? "", (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(), user.RegisteredAt);
}
