using CloudMart.Platform.Messaging;
using CloudMart.Platform.Security;
using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Customers.Data;
using CloudMart.Modules.Notifications.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Customers.CloseAccount;

internal sealed record CloseAccountInput(string? Password);

internal enum ClosureOutcome
{
    Closed,
    WrongPassword,
    StaffAccount,
}

/// <summary>
/// Closes a customer's account for good. In one transaction: the account row stays (orders, kept for the law, refer to
/// its id) but its e-mail and sign-in name become a pseudonym, its name, password, addresses, tokens, logins and roles go,
/// it is locked out and its security stamp changes (refresh tokens and cookies stop working); and
/// <see cref="CustomerAccountClosed"/> goes to the outbox so the other modules drop what they hold (cart, conversations).
/// </summary>
internal sealed partial class AccountClosure(
    CustomersDbContext db, UserManager<ShopUser> users, SignInManager<ShopUser> signIn, UnitOfWork unitOfWork, Outbox outbox,
    IAccountMail mail, TimeProvider clock, ILogger<AccountClosure> logger)
{
    public async Task<ClosureOutcome> CloseAsync(ShopUser user, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password) || password.Length > Register.Credentials.MaxPasswordLength
            || !(await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded)
        {
            return ClosureOutcome.WrongPassword;
        }
        var roles = await users.GetRolesAsync(user);
        if (roles.Any(r => r is Roles.Support or Roles.Admin))
        {
            return ClosureOutcome.StaffAccount;
        }
        var formerEmail = user.Email!;
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var pseudonym = $"closed-{user.Id:N}@closed.invalid";
            user.Email = user.UserName = pseudonym;
            user.NormalizedEmail = user.NormalizedUserName = pseudonym.ToUpperInvariant();
            user.EmailConfirmed = false;
            user.DisplayName = null;
            user.LastShippingAddress = null;
            user.PasswordHash = null;
            user.PhoneNumber = null;
            user.PhoneNumberConfirmed = false;
            user.TwoFactorEnabled = false;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            user.ClosedAt = now;
            db.Addresses.RemoveRange(await db.Addresses.Where(a => a.CustomerId == user.Id).ToListAsync(ct));
            db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync(ct));
            db.UserLogins.RemoveRange(await db.UserLogins.Where(l => l.UserId == user.Id).ToListAsync(ct));
            db.UserClaims.RemoveRange(await db.UserClaims.Where(c => c.UserId == user.Id).ToListAsync(ct));
            db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync(ct));
            outbox.Append(new CustomerAccountClosed(Guid.CreateVersion7(), now, user.Id));
        }, cancellationToken);
        LogClosed(logger, user.Id);
        try
        {
            await mail.SendAccountClosedNoticeAsync(formerEmail, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The account is closed either way; the goodbye note is a courtesy.
            LogNoticeFailed(logger, failure, user.Id);
        }
        return ClosureOutcome.Closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} closed by its owner")]
    private static partial void LogClosed(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The closing notice for account {AccountId} could not be sent")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, Guid accountId);
}
