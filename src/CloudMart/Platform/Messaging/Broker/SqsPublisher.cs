using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using CloudMart.Platform.Aws;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CloudMart.Platform.Messaging.Broker;

/// <summary>
/// Bound from <c>CloudMart:Broker:Sqs</c>; publishing to Amazon SQS is on when <c>QueueUrl</c> is set. <c>ServiceUrl</c>
/// and <c>Region</c> point at an emulator; credentials come from the standard AWS chain.
/// </summary>
internal sealed class SqsOptions
{
    public const string Section = "CloudMart:Broker:Sqs";

    public string? QueueUrl { get; set; }

    public string? ServiceUrl { get; set; }

    public string? Region { get; set; }

    /// <summary>Retries of throttled and transient calls (the SDK's standard mode: exponential backoff with jitter).</summary>
    public int MaxErrorRetry { get; set; } = 5;

    /// <summary>How long one attempt may take before it is abandoned (and counted as failed).</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>A FIFO queue's name ends in <c>.fifo</c>; it needs a group id and a deduplication id on every message.</summary>
    public bool IsFifo => QueueUrl?.TrimEnd('/').EndsWith(".fifo", StringComparison.Ordinal) == true;

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:QueueUrl"]);
}

internal static class SqsRegistration
{
    /// <summary>The publisher, its handlers and its readiness check; the subscriptions are in <c>Subscriptions.cs</c>.</summary>
    public static IServiceCollection AddSqsPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SqsOptions>(configuration.GetSection(SqsOptions.Section));
        services.AddSingleton<SqsPublisher>();
        services.AddScoped(typeof(PublishToSqs<>));
        services.AddHealthChecks().AddCheck<SqsHealthCheck>("sqs", tags: [Observability.ObservabilityRegistration.ReadyTag]);
        return services;
    }
}

/// <summary>
/// Sends integration events to an Amazon SQS queue for outside systems. A send that fails after the SDK's own retries
/// is a <see cref="TransientEventFailure"/>: the relay retries the event, so none is lost. Delivery is at least once:
/// on a FIFO queue the event id is the deduplication id (SQS drops a repeat within its five-minute window) and the
/// event's stream (one order, one product) is the message group, so one order's events arrive in order; on a standard
/// queue the <c>EventId</c> attribute lets consumers dedupe.
/// </summary>
internal sealed class SqsPublisher(IOptions<SqsOptions> options) : IDisposable
{
    public const string EventIdAttribute = "EventId";
    public const string EventTypeAttribute = "EventType";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<IAmazonSQS> _client = new(() => CreateClient(options.Value));

    public async Task PublishAsync(IIntegrationEvent integrationEvent, string type, CancellationToken cancellationToken)
    {
        var queue = options.Value;
        var eventId = integrationEvent.EventId.ToString();
        // The same envelope as RabbitMQ's, so one consumer reads both.
        var body = JsonSerializer.Serialize(new { id = integrationEvent.EventId, type, occurredAt = integrationEvent.OccurredAt, data = (object)integrationEvent }, Json);
        var request = new SendMessageRequest
        {
            QueueUrl = queue.QueueUrl,
            MessageBody = body,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [EventTypeAttribute] = new() { DataType = "String", StringValue = type },
                [EventIdAttribute] = new() { DataType = "String", StringValue = eventId },
            },
        };
        if (queue.IsFifo)
        {
            request.MessageDeduplicationId = eventId;
            request.MessageGroupId = integrationEvent.StreamId;
        }
        try
        {
            await _client.Value.SendMessageAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientEventFailure($"Amazon SQS did not take the message ({e.GetType().Name}).", e);
        }
    }

    /// <summary>Asks the queue for its ARN: it proves the endpoint answers, the queue exists and the credentials are accepted.</summary>
    public Task GetQueueArnAsync(CancellationToken cancellationToken) =>
        _client.Value.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = options.Value.QueueUrl, AttributeNames = ["QueueArn"] }, cancellationToken);

    public static IAmazonSQS CreateClient(SqsOptions options)
    {
        var config = new AmazonSQSConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = Math.Max(0, options.MaxErrorRetry),
            Timeout = TimeSpan.FromSeconds(Math.Clamp(options.RequestTimeoutSeconds, 1, 600)),
        };
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
            return new AmazonSQSClient(DynamoDbRegistration.EmulatorCredentials(), config);
        }
        return new AmazonSQSClient(config);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}

/// <summary>The relay's handler that sends one event type to the SQS queue.</summary>
internal sealed class PublishToSqs<TEvent>(SqsPublisher publisher) : IEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    public Task HandleAsync(TEvent integrationEvent, HandlerContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(integrationEvent, typeof(TEvent).Name, cancellationToken);
}

/// <summary>/health/ready: with a queue configured, it must answer; the reason says why not (missing, unreachable).</summary>
internal sealed class SqsHealthCheck(SqsPublisher publisher, IOptions<SqsOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queueUrl = options.Value.QueueUrl;
        if (string.IsNullOrWhiteSpace(queueUrl))
        {
            return HealthCheckResult.Healthy("Not configured: events are not sent to Amazon SQS.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await publisher.GetQueueArnAsync(timeout.Token);
            return HealthCheckResult.Healthy($"SQS queue {queueUrl} answers.");
        }
        catch (QueueDoesNotExistException)
        {
            return HealthCheckResult.Unhealthy($"SQS queue {queueUrl} does not exist.");
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"SQS queue {queueUrl} cannot be reached: {e.GetType().Name}.");
        }
    }
}
