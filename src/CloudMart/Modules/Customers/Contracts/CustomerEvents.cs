using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Customers.Contracts;

/// <summary>A customer opened an account (the welcome e-mail follows). Carries no personal data.</summary>
public sealed record CustomerRegistered(Guid EventId, DateTime OccurredAt, Guid CustomerId) : IIntegrationEvent
{
    public string StreamId => CustomerId.ToString();
}

/// <summary>
/// A customer closed their account: every module removes the personal data it holds for them (cart, assistant
/// conversations…). Orders stay, as the law requires, under the customer's id only.
/// </summary>
public sealed record CustomerAccountClosed(Guid EventId, DateTime OccurredAt, Guid CustomerId) : IIntegrationEvent
{
    public string StreamId => CustomerId.ToString();
}
