using CloudMart.Platform.Messaging;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>
/// Turns a change to a module's items into the integration events it means, when the change itself is the news
/// (stock crossing its low-stock threshold). The event's id must come from the record (<see cref="StreamEventIds"/>),
/// so a redelivered record yields the same event and the inbox sees it once.
/// </summary>
internal interface IStreamEventSource
{
    IEnumerable<IIntegrationEvent> EventsOf(StreamRecord record);
}

/// <summary>Event ids derived from a stream record: the same record always gives the same id.</summary>
internal static class StreamEventIds
{
    public static Guid For(string sequenceNumber, string eventType)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{eventType}@{sequenceNumber}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
