using CloudMart.Modules.Customers.Contracts;
using CloudMart.Modules.Customers.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Customers;

internal sealed class CustomerDirectory(CustomersDbContext db) : ICustomerDirectory
{
    public Task<string?> EmailOfAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == customerId && u.ClosedAt == null).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, string>> EmailsOfAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => customerIds.Contains(u.Id) && u.Email != null && u.ClosedAt == null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);

    public async Task<IReadOnlyList<string>> AdministratorEmailsAsync(CancellationToken cancellationToken) =>
        await (from user in db.Users.AsNoTracking()
               join link in db.UserRoles on user.Id equals link.UserId
               join role in db.Roles on link.RoleId equals role.Id
               where role.Name == Roles.Admin && user.Email != null && user.ClosedAt == null
               select user.Email!).Distinct().ToListAsync(cancellationToken);
}
