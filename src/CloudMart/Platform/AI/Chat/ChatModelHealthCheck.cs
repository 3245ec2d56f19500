using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace CloudMart.Platform.AI.Chat;

/// <summary>
/// The chat model in /health/ready. A cloud provider that keeps failing makes the shop Degraded, not Unhealthy: the
/// built-in assistant answers meanwhile, so the instance should keep its traffic, but operators should see it.
/// </summary>
internal sealed class ChatModelHealthCheck(IOptions<ChatModelOptions> options, ChatCircuit circuit) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.UsesOffline)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The built-in assistant answers."));
        }
        return Task.FromResult(circuit.State is CircuitState.Closed or CircuitState.HalfOpen
            ? HealthCheckResult.Healthy($"{settings.Provider} answers, with the built-in assistant behind it.")
            : HealthCheckResult.Degraded($"{settings.Provider} keeps failing: the built-in assistant answers until it recovers."));
    }
}
