using CloudMart.Modules.Customers.Data;
using CloudMart.Modules.Customers.Register;
using CloudMart.Platform.Observability;
using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Customers.SignIn;

internal sealed record SignInInput(string? Email, string? Password);

internal sealed record RefreshInput(string? RefreshToken);

/// <summary>
/// POST /api/auth/login and /api/auth/refresh: bearer tokens from ASP.NET Core Identity
/// (<c>{tokenType, accessToken, expiresIn, refreshToken}</c>). Failed sign-ins count towards a lockout.
/// </summary>
internal static partial class SignInEndpoints
{
    public static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Sign in with email and password; returns a bearer access token and a refresh token. 401 otherwise.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .Produces<AccessTokenResponse>();
        auth.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshToken")
            .WithSummary("Trade a refresh token for new tokens. 401 when it is invalid or expired.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .Produces<AccessTokenResponse>();
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        SignInInput input, SignInManager<ShopUser> signIn, ILoggerFactory loggers)
    {
        var email = (input.Email ?? "").Trim().ToLowerInvariant();
        var password = input.Password ?? "";
        if (email.Length is 0 or > 254 || password.Length is 0 or > Credentials.MaxPasswordLength)
        {
            return Unauthorized();
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            CloudMartTelemetry.SignInFailures.Add(1);
            LogRefused(loggers.CreateLogger("CloudMart.Customers.SignIn"), result.IsLockedOut);
            return Unauthorized(result.IsLockedOut ? "Too many failed attempts: the account is locked for a few minutes." : null);
        }
        return TypedResults.Empty; // the bearer handler has written the token response
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult, SignInHttpResult>> RefreshAsync(
        RefreshInput input, SignInManager<ShopUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(input.RefreshToken) || input.RefreshToken.Length > 4096)
        {
            return Unauthorized();
        }
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(input.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return Unauthorized();
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult Unauthorized(string? detail = null) => TypedResults.Problem(
        detail ?? "The email or password is not right.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused (locked out: {LockedOut})")]
    private static partial void LogRefused(ILogger logger, bool lockedOut);
}
