using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace CloudMart.Modules.Ordering.Payments;

/// <summary>Every gateway call goes through timeout and retry: a slow or briefly failing gateway does not fail an order.</summary>
internal sealed class ResilientPaymentGateway(SimulatedPaymentGateway inner, ResiliencePipelineProvider<string> pipelines) : IPaymentGateway
{
    public const string Pipeline = "payments";

    public async Task<PaymentOutcome> AuthoriseAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        await pipelines.GetPipeline(Pipeline).ExecuteAsync(
            async ct => await inner.AuthoriseAsync(request, ct), cancellationToken);

    public static void Configure(ResiliencePipelineBuilder pipeline) => pipeline
        .AddTimeout(TimeSpan.FromSeconds(20)) // the whole call, retries included
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<PaymentUnavailableException>().Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .AddTimeout(TimeSpan.FromSeconds(5)); // one attempt
}
