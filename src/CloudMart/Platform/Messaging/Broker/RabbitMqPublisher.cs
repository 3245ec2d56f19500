using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace CloudMart.Platform.Messaging.Broker;

/// <summary>Bound from <c>CloudMart:Broker:RabbitMq</c>; publishing is on when <c>Uri</c> is set.</summary>
internal sealed class RabbitMqOptions
{
    public const string Section = "CloudMart:Broker:RabbitMq";

    public string? Uri { get; set; }

    /// <summary>A durable topic exchange; the routing key is the event type, e.g. <c>OrderConfirmed</c>.</summary>
    public string Exchange { get; set; } = "cloudmart.events";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:Uri"]);
}

/// <summary>
/// Publishes integration events to RabbitMQ for outside systems, with publisher confirms: a publish counts only
/// when the broker has taken the message, otherwise the relay retries the event. Delivery is at least once; the
/// message id is the event id, so consumers dedupe.
/// </summary>
internal sealed class RabbitMqPublisher(IOptions<RabbitMqOptions> options) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task PublishAsync(IIntegrationEvent integrationEvent, string type, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = integrationEvent.EventId, type, occurredAt = integrationEvent.OccurredAt, data = (object)integrationEvent }, Json));
        var properties = new BasicProperties
        {
            MessageId = integrationEvent.EventId.ToString(),
            Type = type,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(new DateTimeOffset(integrationEvent.OccurredAt).ToUnixTimeSeconds()),
        };
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            // With confirmation tracking on, this returns once the broker confirmed, and throws on a nack.
            await channel.BasicPublishAsync(options.Value.Exchange, type, mandatory: false, properties, body, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await ResetAsync();
            throw new TransientEventFailure("RabbitMQ did not confirm the message.", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (await ChannelAsync(cancellationToken)).IsOpen;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }
        await ResetAsync();
        var factory = new ConnectionFactory { Uri = new Uri(options.Value.Uri!), ClientProvidedName = "cloudmart" };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await _channel.ExchangeDeclareAsync(options.Value.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        return _channel;
    }

    private async Task ResetAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }
}

/// <summary>The relay's handler that hands one event type to the broker.</summary>
internal sealed class PublishToBroker<TEvent>(RabbitMqPublisher publisher) : IEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    public Task HandleAsync(TEvent integrationEvent, HandlerContext context, CancellationToken cancellationToken) =>
        publisher.PublishAsync(integrationEvent, typeof(TEvent).Name, cancellationToken);
}

internal sealed class RabbitMqHealthCheck(RabbitMqPublisher publisher, IOptions<RabbitMqOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Uri))
        {
            return HealthCheckResult.Healthy("Not configured: events are not published to a broker.");
        }
        try
        {
            return await publisher.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("RabbitMQ channel is closed.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ is not reachable.");
        }
    }
}
