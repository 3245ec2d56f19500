namespace CloudMart.Modules.Customers.Contracts;

/// <summary>How other modules reach a customer: for notifications, never for display in logs.</summary>
public interface ICustomerDirectory
{
    /// <summary>The customer's e-mail address; null when there is no such account or it is closed.</summary>
    Task<string?> EmailOfAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>The e-mail addresses of those of <paramref name="customerIds"/> that still have an account, in one read.</summary>
    Task<IReadOnlyDictionary<Guid, string>> EmailsOfAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> AdministratorEmailsAsync(CancellationToken cancellationToken);
}
