using CloudMart.Platform.Security;
using CloudMart.Modules.Customers.Register;

namespace CloudMart.Modules.Customers.ResetPassword;

internal sealed record AcceptedMessage(string Message);

/// <summary>POST /api/auth/forgot-password and /api/auth/reset-password.</summary>
internal static class ResetPasswordEndpoints
{
    public static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/forgot-password", ForgotAsync)
            .WithName("ForgotPassword")
            .WithSummary("E-mails a single-use, expiring password-reset link if the address has an account. 202 either way (no account enumeration); 429 when asked too often.")
            .AllowAnonymous();
        auth.MapPost("/reset-password", ResetAsync)
            .WithName("ResetPassword")
            .WithSummary("Sets a new password with the link's userId and token. 204; 400 with errors for an invalid, used or expired token or a weak password.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn);
    }

    internal static async Task<Results<Accepted<AcceptedMessage>, ValidationProblem, ProblemHttpResult>> ForgotAsync(
        ForgotPasswordInput input, PasswordReset reset, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var email = Credentials.ValidEmail(input.Email, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        if (await reset.RequestAsync(email, http, cancellationToken) is { } wait)
        {
            return AccountMail.AccountMailLimiter.TooMany(http, wait);
        }
        return TypedResults.Accepted((string?)null, new AcceptedMessage(PasswordReset.SentMessage));
    }

    internal static async Task<Results<NoContent, ValidationProblem>> ResetAsync(ResetPasswordInput input, PasswordReset reset, CancellationToken cancellationToken) =>
        (await reset.ResetAsync(input, cancellationToken)).Problem is { } problem ? problem : TypedResults.NoContent();
}
