using CloudMart.Platform.Security;
using CloudMart.Modules.Customers.AccountMail;

namespace CloudMart.Modules.Customers.ManageAccount;

/// <summary>
/// /api/account: the caller's own account (every role has one). A token of a closed account is answered 401.
/// </summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder account, RouteGroupBuilder auth)
    {
        account.MapGet("", GetAsync)
            .WithName("GetAccount")
            .WithSummary("The caller's account settings: id, email, name, registeredAt.");
        account.MapPut("/name", RenameAsync)
            .WithName("RenameAccount")
            .WithSummary("Sets (or, with null or empty, clears) the name the shop greets you by. 200 with the account; 400 with errors.");
        account.MapPost("/password", ChangePasswordAsync)
            .WithName("ChangePassword")
            .WithSummary("{currentPassword, newPassword} → 204; 400 with errors when the current password is wrong or the new one is weak.");
        account.MapPost("/email", ChangeEmailAsync)
            .WithName("ChangeEmail")
            .WithSummary("{newEmail, password} → 202: a confirmation link goes to the new address, which takes effect only when it is followed. 400 with errors; 429 when asked too often.");
        auth.MapPost("/confirm-email", ConfirmEmailAsync)
            .WithName("ConfirmEmailChange")
            .WithSummary("{userId, email, token} from the confirmation link → 204: the account's e-mail (and sign-in name) is now the new address. 400 when the link is invalid, used or expired.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn);
    }

    internal static async Task<Results<Ok<ProfileView>, UnauthorizedHttpResult>> GetAsync(ClaimsPrincipal principal, AccountSettings settings) =>
        await settings.AccountOfAsync(principal) is { } user ? TypedResults.Ok(AccountSettings.View(user)) : TypedResults.Unauthorized();

    internal static async Task<Results<Ok<ProfileView>, ValidationProblem, UnauthorizedHttpResult>> RenameAsync(NameInput input, ClaimsPrincipal principal, AccountSettings settings)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var outcome = await settings.RenameAsync(user, input);
        return outcome.Problem is { } problem ? problem : TypedResults.Ok(AccountSettings.View(user));
    }

    internal static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePasswordAsync(
        ChangePasswordInput input, ClaimsPrincipal principal, AccountSettings settings, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var outcome = await settings.ChangePasswordAsync(user, input, refreshCookie: false, cancellationToken);
        return outcome.Problem is { } problem ? problem : TypedResults.NoContent();
    }

    internal static async Task<Results<Accepted<ResetPassword.AcceptedMessage>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> ChangeEmailAsync(
        ChangeEmailInput input, ClaimsPrincipal principal, AccountSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var outcome = await settings.RequestEmailChangeAsync(user, input, http, cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            return AccountMailLimiter.TooMany(http, wait);
        }
        return outcome.Problem is { } problem
            ? problem
            : TypedResults.Accepted((string?)null, new ResetPassword.AcceptedMessage("We have e-mailed a confirmation link to the new address. Your e-mail address changes when you follow it."));
    }

    internal static async Task<Results<NoContent, ValidationProblem>> ConfirmEmailAsync(ConfirmEmailInput input, AccountSettings settings, CancellationToken cancellationToken) =>
        (await settings.ConfirmEmailChangeAsync(input, cancellationToken)).Problem is { } problem ? problem : TypedResults.NoContent();
}
