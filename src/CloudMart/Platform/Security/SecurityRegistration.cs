using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.RateLimiting;

namespace CloudMart.Platform.Security;

internal sealed class RateLimitOptions
{
    public const string Section = "CloudMart:RateLimits";

    /// <summary>Sign-in and registration attempts per client address per minute (accounts also lock after repeated failures).</summary>
    public int SignInPerMinute { get; set; } = 100;

    /// <summary>Orders a customer may place per minute.</summary>
    public int OrdersPerMinute { get; set; } = 30;

    /// <summary>Messages a user may send the assistant per minute (each may run a model and several tools).</summary>
    public int AssistantMessagesPerMinute { get; set; } = 20;
}

internal static class SecurityRegistration
{
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        // Tokens and cookies are protected with keys kept under the data directory, so they survive restarts.
        builder.Services.AddDataProtection().SetApplicationName("CloudMart");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
            keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(sp.GetRequiredService<DataDirectory>().Combine("keys")), sp.GetRequiredService<ILoggerFactory>())));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Customer, policy => policy.RequireRole(Roles.Customer))
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin));

        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddSingleton<AssistantMessageLimiter>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Title = "Too many requests.", Detail = "Slow down and try again shortly.", Status = 429 },
                });
            };
            limiter.AddPolicy(RateLimits.SignIn, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => PerMinute(Limits(http).SignInPerMinute)));
            limiter.AddPolicy(RateLimits.Checkout, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => PerMinute(Limits(http).OrdersPerMinute)));
            limiter.AddPolicy(RateLimits.Assistant, http => http.RequestServices.GetRequiredService<AssistantMessageLimiter>()
                .PartitionFor(AssistantMessageLimiter.KeyOf(http.User, http.Connection.RemoteIpAddress?.ToString())));
        });
        return builder;
    }

    private static RateLimitOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    internal static TokenBucketRateLimiterOptions PerMinute(int permits) => new()
    {
        TokenLimit = Math.Max(permits, 1),
        TokensPerPeriod = Math.Max(permits, 1),
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
