namespace CloudMart.Platform.Messaging;

/// <summary>Something that happened in one module that others may react to. Immutable; named Subject + past tense.</summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTime OccurredAt { get; }

    /// <summary>Events of one stream (one order, one product) are delivered in the order they were written.</summary>
    string StreamId { get; }
}
