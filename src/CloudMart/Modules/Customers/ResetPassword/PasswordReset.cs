using CloudMart.Modules.Customers.AccountMail;
using CloudMart.Modules.Customers.Data;
using CloudMart.Modules.Customers.Register;
using CloudMart.Modules.Notifications.Contracts;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers.ResetPassword;

internal sealed record ForgotPasswordInput(string? Email);

internal sealed record ResetPasswordInput(Guid? UserId, string? Token, string? NewPassword);

/// <summary>What a reset attempt came to; <see cref="Problem"/> is set when it was refused.</summary>
internal sealed record ResetOutcome(ValidationProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Forgot password, with Identity's own reset token: the link is e-mailed, works once (the reset changes the account's
/// security stamp, which the token carries) and expires (<c>CloudMart:Accounts:LinkLifetime</c>). Whether the address
/// has an account or not, the asker gets the same answer; only a real account's owner gets an e-mail.
/// </summary>
internal sealed partial class PasswordReset(
    UserManager<ShopUser> users, IAccountMail mail, AccountLinks links, AccountMailLimiter limiter, ILogger<PasswordReset> logger)
{
    public const string SentMessage = "If an account uses this address, we have e-mailed it a link to choose a new password. Check your inbox (and spam folder).";

    /// <summary>Null when the request was taken (e-mail sent or not); otherwise how long the asker must wait.</summary>
    public async Task<TimeSpan?> RequestAsync(string email, HttpContext http, CancellationToken cancellationToken)
    {
        if (limiter.Refusal(http, email) is { } wait)
        {
            return wait;
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.ClosedAt is not null)
        {
            LogNoAccount(logger);
            return null;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.To(http, "/reset-password", new Dictionary<string, string?> { ["user"] = user.Id.ToString(), ["code"] = AccountLinks.Encode(token) });
        await mail.SendPasswordResetAsync(user.Email!, link, links.Lifetime, cancellationToken);
        LogSent(logger, user.Id);
        return null;
    }

    /// <summary>Whether a link would still work, without using it (the page says so before asking for a password).</summary>
    public async Task<bool> IsLiveAsync(Guid? userId, string? code)
    {
        var token = AccountLinks.Decode(code);
        if (token is null || userId is null || await users.FindByIdAsync(userId.Value.ToString()) is not { ClosedAt: null } user)
        {
            return false;
        }
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ShopUser>.ResetPasswordTokenPurpose, token);
    }

    public async Task<ResetOutcome> ResetAsync(ResetPasswordInput input, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var password = input.NewPassword ?? "";
        validation.Check(password.Length > 0, "newPassword", "newPassword is required.");
        validation.Check(password.Length <= Credentials.MaxPasswordLength, "newPassword", $"newPassword must be at most {Credentials.MaxPasswordLength} characters.");
        var token = AccountLinks.Decode(input.Token);
        validation.Check(token is not null && input.UserId is not null, "token", InvalidLink);
        if (!validation.IsValid)
        {
            return new ResetOutcome(validation.Problem());
        }
        var user = await users.FindByIdAsync(input.UserId!.Value.ToString());
        if (user is null || user.ClosedAt is not null)
        {
            validation.Add("token", InvalidLink);
            return new ResetOutcome(validation.Problem());
        }
        var reset = await users.ResetPasswordAsync(user, token!, password);
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                validation.Add(error.Code == "InvalidToken" ? "token" : "newPassword", error.Code == "InvalidToken" ? InvalidLink : error.Description);
            }
            return new ResetOutcome(validation.Problem());
        }
        // Whoever was guessing the old password is no longer in the way of its owner.
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await mail.SendPasswordChangedNoticeAsync(user.Email!, cancellationToken);
        LogReset(logger, user.Id);
        return new ResetOutcome(null);
    }

    public const string InvalidLink = "This link is not valid any more: it was already used, it expired, or it was copied incompletely. Ask for a new one.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset asked for an address without an open account")]
    private static partial void LogNoAccount(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset link sent for account {AccountId}")]
    private static partial void LogSent(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset for account {AccountId}")]
    private static partial void LogReset(ILogger logger, Guid accountId);
}
