using Microsoft.AspNetCore.Authorization;
using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Web;

/// <summary>
/// Page policies: the same roles as the API, but authenticated by the sign-in cookie, so an anonymous visitor is
/// sent to the sign-in page and a signed-in one without the role sees the 403 page instead of a bare status code.
/// </summary>
internal static class WebPolicies
{
    public const string Shopper = "web-shopper";
    public const string Staff = "web-staff";
    public const string Admin = "web-admin";

    public static AuthorizationBuilder AddWebPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Shopper, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
        .AddPolicy(Staff, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(Roles.Support, Roles.Admin))
        .AddPolicy(Admin, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(Roles.Admin));
}
