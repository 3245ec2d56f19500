using Polly;
using Polly.CircuitBreaker;

namespace CloudMart.Platform.AI.Chat;

/// <summary>
/// The cloud provider's circuit breaker. One for the process: the fallback wrapper is made per request (the offline
/// assistant it falls back to keeps per-conversation state), but what the provider's failures say about it must be
/// remembered across requests.
/// </summary>
internal sealed class ChatCircuit
{
    private readonly CircuitBreakerStateProvider _state = new();

    public ChatCircuit(ChatModelOptions options, TimeProvider time)
    {
        var settings = options.CircuitBreaker;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(settings.SamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(settings.BreakSeconds),
                StateProvider = _state,
                // A question its asker gave up on says nothing about the provider.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error
                    && !(error is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    public CircuitState State => _state.CircuitState;
}
