using CloudMart.Platform.AI.Chat;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CloudMart.Tests.AI.Chat;

/// <summary>/health/ready tells operators when the cloud model keeps failing, without taking the shop out of service.</summary>
public sealed class ChatModelHealth
{
    private static async Task<HealthStatus> StatusAsync(ChatModelOptions options, ChatCircuit circuit) =>
        (await new ChatModelHealthCheck(Options.Create(options), circuit).CheckHealthAsync(new HealthCheckContext())).Status;

    [Fact]
    public async Task The_built_in_assistant_is_healthy()
    {
        var options = new ChatModelOptions();
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(options, new ChatCircuit(options, TimeProvider.System)));
    }

    [Fact]
    public async Task A_cloud_model_whose_circuit_opened_makes_the_shop_degraded_until_it_answers_again()
    {
        var options = new ChatModelOptions { Provider = "OpenAI", Model = "gpt-test", Endpoint = "http://127.0.0.1:9/v1" };
        options.CircuitBreaker.MinimumThroughput = 2;
        options.CircuitBreaker.FailureRatio = 1;
        options.CircuitBreaker.BreakSeconds = 30;
        var time = new FakeTimeProvider();
        var circuit = new ChatCircuit(options, time);
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(options, circuit));

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(async () =>
                await circuit.Pipeline.ExecuteAsync<int>(_ => throw new HttpRequestException("down")));
        }
        Assert.Equal(HealthStatus.Degraded, await StatusAsync(options, circuit));

        // After the break, the next question tries the provider again; its answer closes the circuit.
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await circuit.Pipeline.ExecuteAsync<int>(_ => ValueTask.FromResult(1)));
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(options, circuit));
    }
}
