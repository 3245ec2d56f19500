using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CloudMart.Platform.Security;

/// <summary>
/// One token bucket per user for messages to the assistant, shared by the API's <see cref="RateLimits.Assistant"/>
/// policy and the storefront's chat widget (which runs turns on a circuit, outside the HTTP pipeline), so a shopper
/// has one allowance whichever way they talk to the assistant.
/// </summary>
internal sealed class AssistantMessageLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;

    public AssistantMessageLimiter(IOptions<RateLimitOptions> options) =>
        _buckets = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(
            key, _ => SecurityRegistration.PerMinute(options.Value.AssistantMessagesPerMinute)));

    /// <summary>The partition key the API uses: the user's id, or the client address for a caller without one.</summary>
    public static string KeyOf(ClaimsPrincipal user, string? address) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? address ?? "unknown";

    /// <summary>Takes one message from the user's allowance; check <see cref="RateLimitLease.IsAcquired"/>.</summary>
    public RateLimitLease Take(string key) => _buckets.AttemptAcquire(key);

    /// <summary>The rate-limiting middleware's partition for a key: a view onto the shared bucket.</summary>
    public RateLimitPartition<string> PartitionFor(string key) => RateLimitPartition.Get(key, k => new SharedBucket(_buckets, k));

    public void Dispose() => _buckets.Dispose();

    /// <summary>
    /// Holds no state of its own, so the middleware may drop it whenever it likes (it reports itself idle) and
    /// disposing it leaves the shared bucket alone.
    /// </summary>
    private sealed class SharedBucket(PartitionedRateLimiter<string> buckets, string key) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => buckets.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => buckets.AttemptAcquire(key, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            buckets.AcquireAsync(key, permitCount, cancellationToken);
    }
}
