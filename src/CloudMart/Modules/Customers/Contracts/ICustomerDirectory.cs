namespace CloudMart.Modules.Customers.Contracts;

/// <summary>How other modules reach a customer: for notifications, never for display in logs.</summary>
public interface ICustomerDirectory
{
    Task<string?> EmailOfAsync(Guid customerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> AdministratorEmailsAsync(CancellationToken cancellationToken);
}
