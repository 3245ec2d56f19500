using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Customers.AccountMail;

/// <summary>Bound from <c>CloudMart:RateLimits</c>, next to the shop's other limits.</summary>
internal sealed class AccountMailLimits
{
    /// <summary>Account e-mails (reset links, e-mail change links) one client address may ask for per hour.</summary>
    public int AccountEmailsPerHourPerClient { get; set; } = 20;

    /// <summary>Account e-mails asked for one account (or one typed address, whether or not it has an account) per hour.</summary>
    public int AccountEmailsPerHourPerAccount { get; set; } = 5;
}

/// <summary>
/// Every form and route that sends an account e-mail takes one permit per client address and one per account, so
/// nobody can flood an inbox or use the shop to send mail at speed. The API and the pages share the same buckets.
/// The account key is the typed address for anonymous requests, so the answer never depends on whether it exists.
/// </summary>
internal sealed class AccountMailLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public AccountMailLimiter(IOptions<AccountMailLimits> options)
    {
        _perClient = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => PerHour(options.Value.AccountEmailsPerHourPerClient)));
        _perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => PerHour(options.Value.AccountEmailsPerHourPerAccount)));
    }

    /// <summary>Takes a permit for one e-mail; null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? Refusal(HttpContext http, string account)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var byClient = _perClient.AttemptAcquire(client);
        if (!byClient.IsAcquired)
        {
            return RetryAfter(byClient);
        }
        using var byAccount = _perAccount.AttemptAcquire(account.Trim().ToUpperInvariant());
        return byAccount.IsAcquired ? null : RetryAfter(byAccount);
    }

    /// <summary>The API's 429 answer, with Retry-After.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem("Too many e-mails were asked for. Try again later.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");
    }

    public static string Message(TimeSpan retryAfter) =>
        $"We have sent several e-mails already. Please wait {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} minute(s) and try again.";

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);

    private static TokenBucketRateLimiterOptions PerHour(int permits) => new()
    {
        TokenLimit = Math.Max(permits, 1),
        TokensPerPeriod = Math.Max(permits, 1),
        ReplenishmentPeriod = TimeSpan.FromHours(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        _perClient.Dispose();
        _perAccount.Dispose();
    }
}
