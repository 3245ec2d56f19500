namespace CloudMart.Platform.Security;

internal static class CurrentUser
{
    /// <summary>The signed-in user's id; only called behind an authorization policy, so it is always there.</summary>
    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The route requires a signed-in user.");

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Support) || user.IsInRole(Roles.Admin);
}
