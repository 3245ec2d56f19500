using System.Diagnostics.Metrics;
using CloudMart.Platform.Observability;

namespace CloudMart.Platform.AI.Chat;

internal static partial class ChatLog
{
    private static readonly Meter Meter = new(CloudMartTelemetry.MeterName);

    /// <summary>Answers the built-in assistant gave because the cloud model failed, by provider and reason.</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("cloudmart.ai.chat.fallbacks", description: "Chat answers given offline because the cloud model failed");

    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning, Message = "Chat model {Provider} failed ({Reason}, {ErrorType}); the offline assistant answered")]
    public static partial void AnsweredOffline(ILogger logger, string provider, string reason, string errorType);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Chat model {Provider} failed ({Reason}, {ErrorType}) after its tools had run; the answer was cut short rather than repeated offline")]
    public static partial void FailedAfterTools(ILogger logger, string provider, string reason, string errorType);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Chat model {Provider} stream broke off ({Reason}, {ErrorType}) after part of the answer was sent")]
    public static partial void StreamInterrupted(ILogger logger, string provider, string reason, string errorType);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Chat model answers through {Provider} ({Model}), falling back to the offline assistant")]
    public static partial void Configured(ILogger logger, string provider, string model);
}
