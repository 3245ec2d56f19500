using CloudMart.Modules.Ordering.Payments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Pipeline;

/// <summary>A payment gateway a test can break and mend, standing in front of the simulated one.</summary>
internal sealed class SwitchableGateway(SimulatedPaymentGateway inner) : IPaymentGateway
{
    public volatile bool Broken;

    /// <summary>Orders the gateway fails for while the others go through.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> BrokenFor { get; } = new();

    public Task<PaymentOutcome> AuthoriseAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        Broken || BrokenFor.ContainsKey(request.OrderId)
            ? throw new PaymentUnavailableException("The gateway is down (test).")
            : inner.AuthoriseAsync(request, cancellationToken);
}

/// <summary>Settings that turn the relay on with quick retries, so the workflow runs within a test's patience.</summary>
internal static class PipelineSettings
{
    public static IDictionary<string, string?> With(IDictionary<string, string?> settings)
    {
        settings["CloudMart:Relay:Enabled"] = "true";
        settings["CloudMart:Relay:MaxAttempts"] = "3";
        settings["CloudMart:Relay:FirstRetryDelay"] = "00:00:00.050";
        settings["CloudMart:Relay:PollInterval"] = "00:00:00.050";
        settings["CloudMart:Webhooks:AllowPrivateNetworks"] = "true"; // the test receivers listen on loopback
        settings["CloudMart:Webhooks:FirstRetryDelay"] = "00:00:00.050";
        settings["CloudMart:Webhooks:PollInterval"] = "00:00:00.050";
        settings["CloudMart:Webhooks:MaxAttempts"] = "3";
        settings["Logging:LogLevel:CloudMart.Modules.Notifications"] = "Critical";
        settings["Logging:LogLevel:CloudMart.Platform.Messaging"] = "Critical"; // retries and dead letters are what these tests provoke
        return settings;
    }

    public static void UseSwitchableGateway(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<SwitchableGateway>();
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SwitchableGateway>());
        });
}

public sealed class SqlitePipelineShop : SqliteShop
{
    protected override IDictionary<string, string?> Settings => PipelineSettings.With(base.Settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PipelineSettings.UseSwitchableGateway(builder);
    }
}

public sealed class PostgresPipelineShop : PostgresShop
{
    protected override IDictionary<string, string?> Settings => PipelineSettings.With(base.Settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PipelineSettings.UseSwitchableGateway(builder);
    }
}
