using CloudMart.Platform.AI;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Aws.Streams;
using CloudMart.Platform.Cli;
using CloudMart.Platform.Messaging;
using CloudMart.Platform.Messaging.Broker;
using CloudMart.Platform.Observability;
using CloudMart.Platform.Security;
using Scalar.AspNetCore;

namespace CloudMart.Platform;

internal static class PlatformRegistration
{
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>What every module stands on: persistence, HTTP conventions, security, observability, the outbox, the API document.</summary>
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder, Command command, Action<EventSubscriptions, IConfiguration> subscriptions)
    {
        if (!HasListenAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<StoreOptions>(builder.Configuration.GetSection(StoreOptions.Section));
        builder.Services.AddPersistence();
        builder.Services.AddDynamoDb();
        builder.Services.AddAi(builder.Configuration);
        builder.Services.AddMessaging(builder.Configuration, runRelay: command.RunsHandlers, subscriptions);
        builder.Services.AddDynamoDbStreams(builder.Configuration, runsHandlers: command.RunsHandlers);
        builder.Services.AddSqsPublishing(builder.Configuration);
        builder.AddHttpConventions();
        builder.AddSecurity();
        builder.AddObservability();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer<ApiDocument>().AddOperationTransformer<BearerRequirement>());
        if (command.Verb == "serve")
        {
            builder.Services.AddHostedService<ShopStartup>();
        }
        else
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning); // the CLI reports through its own output
            // Logs go to stderr so that a command's stdout is only its result (JSON output stays parseable).
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseHttpConventions();
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-reference", scalar => scalar.WithTitle("CloudMart API")).AllowAnonymous();
        return app;
    }

    /// <summary>True when <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP(S)_PORTS</c> or Kestrel endpoints say where to listen.</summary>
    private static bool HasListenAddress(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"])
        || !string.IsNullOrEmpty(configuration["http_ports"])
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
