using CloudMart.Platform.Messaging;
using System.ComponentModel.DataAnnotations;
using CloudMart.Modules.Customers.Data;
using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers.Register;

internal sealed record RegisterInput(string? Email, string? Password);

/// <summary>POST /api/auth/register: open a customer account.</summary>
internal static class RegisterEndpoint
{
    public static void Map(RouteGroupBuilder auth) =>
        auth.MapPost("/register", HandleAsync)
            .WithName("Register")
            .WithSummary("Create a customer account. 400 with errors for a bad email, a weak password or an email already registered.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn);

    internal static async Task<Results<Created<AccountView>, ValidationProblem>> HandleAsync(
        RegisterInput input, UserManager<ShopUser> users, UnitOfWork unitOfWork, Outbox outbox, TimeProvider clock)
    {
        var validation = new Validation();
        var email = Credentials.ValidEmail(input.Email, validation);
        var password = input.Password ?? "";
        validation.Check(password.Length is > 0, "password", "password is required.");
        validation.Check(password.Length <= Credentials.MaxPasswordLength, "password", $"password must be at most {Credentials.MaxPasswordLength} characters.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        // The account, its role and CustomerRegistered (the welcome e-mail) are written together, or not at all.
        return await unitOfWork.ExecuteAsync<Results<Created<AccountView>, ValidationProblem>>(async _ =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = new ShopUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, RegisteredAt = now };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    validation.Add(Credentials.FieldOf(error), Credentials.MessageOf(error));
                }
                return validation.Problem();
            }
            await users.AddToRoleAsync(user, Roles.Customer);
            outbox.Append(new Contracts.CustomerRegistered(Guid.CreateVersion7(), now, user.Id));
            return TypedResults.Created("/api/me", await AccountView.FromAsync(user, users));
        }, CancellationToken.None);
    }
}

internal static class Credentials
{
    public const int MaxPasswordLength = 128;
    private static readonly EmailAddressAttribute EmailFormat = new();

    public static string ValidEmail(string? email, Validation validation)
    {
        var text = validation.Text(email, "email", 254, minLength: 3);
        if (text.Length > 0)
        {
            validation.Check(EmailFormat.IsValid(text) && text.IndexOf('@', StringComparison.Ordinal) is > 0 && !text.Contains(' ', StringComparison.Ordinal)
                && text[(text.IndexOf('@', StringComparison.Ordinal) + 1)..].Contains('.', StringComparison.Ordinal), "email", "email must be a valid e-mail address.");
        }
        return text.ToLowerInvariant();
    }

    /// <summary>Identity's error codes, mapped to the field a client should fix.</summary>
    public static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email";

    public static string MessageOf(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => "An account with this email already exists.",
        _ => error.Description,
    };
}
