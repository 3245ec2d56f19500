using CloudMart.Modules.Customers.AccountMail;
using CloudMart.Modules.Customers.Data;
using CloudMart.Modules.Customers.Register;
using CloudMart.Modules.Notifications.Contracts;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers.ManageAccount;

internal sealed record ProfileView(Guid Id, string Email, string? Name, DateTime RegisteredAt);

internal sealed record NameInput(string? Name);

internal sealed record ChangePasswordInput(string? CurrentPassword, string? NewPassword);

internal sealed record ChangeEmailInput(string? NewEmail, string? Password);

internal sealed record ConfirmEmailInput(Guid? UserId, string? Email, string? Token);

/// <summary>What a settings change came to: done, refused with field errors, or too many e-mails asked for.</summary>
internal sealed record SettingsOutcome(ValidationProblem? Problem, TimeSpan? RetryAfter = null)
{
    public static readonly SettingsOutcome Done = new((ValidationProblem?)null);

    public bool Succeeded => Problem is null && RetryAfter is null;
}

/// <summary>
/// The signed-in customer's own settings: name, password (the current one required) and e-mail (changed only when the
/// new address's owner follows the link Identity's change-email token is sent in). Pages and API routes share it.
/// </summary>
internal sealed partial class AccountSettings(
    UserManager<ShopUser> users, SignInManager<ShopUser> signIn, IAccountMail mail, AccountLinks links, AccountMailLimiter limiter, ILogger<AccountSettings> logger)
{
    public const string InvalidLink = "This confirmation link is not valid any more: it was already used, it expired, or the address was taken meanwhile. Ask for a new one from your account settings.";

    /// <summary>The account behind a principal; null when it is gone or closed (an old token of a closed account).</summary>
    public async Task<ShopUser?> AccountOfAsync(ClaimsPrincipal principal) =>
        await users.GetUserAsync(principal) is { ClosedAt: null } user ? user : null;

    public static ProfileView View(ShopUser user) => new(user.Id, user.Email ?? "", user.DisplayName, user.RegisteredAt);

    public async Task<SettingsOutcome> RenameAsync(ShopUser user, NameInput input)
    {
        var validation = new Validation();
        var name = validation.OptionalText(input.Name, "name", ShopUser.MaxDisplayNameLength);
        if (!validation.IsValid)
        {
            return new SettingsOutcome(validation.Problem());
        }
        user.DisplayName = name;
        await users.UpdateAsync(user);
        return SettingsOutcome.Done;
    }

    /// <summary>Changes the password; a cookie session (<paramref name="refreshCookie"/>) stays signed in with the new security stamp.</summary>
    public async Task<SettingsOutcome> ChangePasswordAsync(ShopUser user, ChangePasswordInput input, bool refreshCookie, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var current = input.CurrentPassword ?? "";
        var next = input.NewPassword ?? "";
        validation.Check(current.Length is > 0 and <= Credentials.MaxPasswordLength, "currentPassword", "Enter your current password.");
        validation.Check(next.Length > 0, "newPassword", "newPassword is required.");
        validation.Check(next.Length <= Credentials.MaxPasswordLength, "newPassword", $"newPassword must be at most {Credentials.MaxPasswordLength} characters.");
        if (!validation.IsValid)
        {
            return new SettingsOutcome(validation.Problem());
        }
        var changed = await users.ChangePasswordAsync(user, current, next);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                validation.Add(error.Code == "PasswordMismatch" ? "currentPassword" : "newPassword",
                    error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description);
            }
            return new SettingsOutcome(validation.Problem());
        }
        if (refreshCookie)
        {
            await signIn.RefreshSignInAsync(user);
        }
        await mail.SendPasswordChangedNoticeAsync(user.Email!, cancellationToken);
        LogPasswordChanged(logger, user.Id);
        return SettingsOutcome.Done;
    }

    /// <summary>Sends the confirmation link to the new address; the account keeps its old address until it is followed.</summary>
    public async Task<SettingsOutcome> RequestEmailChangeAsync(ShopUser user, ChangeEmailInput input, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var email = Credentials.ValidEmail(input.NewEmail, validation);
        var password = input.Password ?? "";
        validation.Check(password.Length is > 0 and <= Credentials.MaxPasswordLength, "password", "Enter your password to change your e-mail address.");
        if (!validation.IsValid)
        {
            return new SettingsOutcome(validation.Problem());
        }
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("newEmail", "This is already your e-mail address.");
            return new SettingsOutcome(validation.Problem());
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            validation.Add("password", "The password is not right.");
            return new SettingsOutcome(validation.Problem());
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            validation.Add("newEmail", "An account with this email already exists.");
            return new SettingsOutcome(validation.Problem());
        }
        if (limiter.Refusal(http, user.Id.ToString()) is { } wait)
        {
            return new SettingsOutcome(null, wait);
        }
        var token = await users.GenerateChangeEmailTokenAsync(user, email);
        var link = links.To(http, "/confirm-email", new Dictionary<string, string?>
        {
            ["user"] = user.Id.ToString(), ["email"] = email, ["code"] = AccountLinks.Encode(token),
        });
        await mail.SendEmailChangeAsync(email, link, links.Lifetime, cancellationToken);
        LogEmailChangeAsked(logger, user.Id);
        return SettingsOutcome.Done;
    }

    /// <summary>Follows a confirmation link: the address (and the sign-in name) change, and the old address is told.</summary>
    public async Task<SettingsOutcome> ConfirmEmailChangeAsync(ConfirmEmailInput input, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var token = AccountLinks.Decode(input.Token);
        var email = Credentials.ValidEmail(input.Email, new Validation());
        var user = token is null || input.UserId is null || email.Length == 0 ? null : await users.FindByIdAsync(input.UserId.Value.ToString());
        if (user is null || user.ClosedAt is not null || await users.FindByEmailAsync(email) is not null)
        {
            validation.Add("token", InvalidLink);
            return new SettingsOutcome(validation.Problem());
        }
        var oldEmail = user.Email!;
        var changed = await users.ChangeEmailAsync(user, email, token!);
        if (!changed.Succeeded)
        {
            validation.Add("token", InvalidLink);
            return new SettingsOutcome(validation.Problem());
        }
        // The address is also the sign-in name.
        await users.SetUserNameAsync(user, email);
        await mail.SendEmailChangedNoticeAsync(oldEmail, email, cancellationToken);
        LogEmailChanged(logger, user.Id);
        return SettingsOutcome.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password changed for account {AccountId}")]
    private static partial void LogPasswordChanged(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail change link sent for account {AccountId}")]
    private static partial void LogEmailChangeAsked(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail address changed for account {AccountId}")]
    private static partial void LogEmailChanged(ILogger logger, Guid accountId);
}
