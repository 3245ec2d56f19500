using CloudMart.Modules.Customers.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Customers.ManageUsers;

/// <summary>
/// Accounts with their roles for GET /api/admin/users and the back-office, in two queries per page (accounts, then
/// the roles of exactly those accounts) rather than one role query per account.
/// </summary>
internal sealed class AccountList(CustomersDbContext db, UserManager<ShopUser> users)
{
    /// <summary>Sets an account's roles through the same rules as PUT /api/admin/users/{id}/roles.</summary>
    public Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> SetRolesAsync(Guid id, List<string> roles, ClaimsPrincipal caller) =>
        ManageUsersEndpoints.SetRolesAsync(id, new RolesInput(roles), caller, users);

    public async Task<PagedList<AccountView>> ListAsync(string? emailContains, PageRequest paging, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(emailContains))
        {
            var filter = emailContains.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(filter));
        }
        var total = await users.CountAsync(cancellationToken);
        var page = await users.OrderByDescending(u => u.RegisteredAt).ThenBy(u => u.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(u => new { u.Id, u.Email, u.RegisteredAt })
            .ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(page.Select(u => u.Id).ToList(), cancellationToken);
        var items = page.Select(u => new AccountView(u.Id, u.Email ?? "", roles[u.Id].Order(StringComparer.Ordinal).ToList(), u.RegisteredAt)).ToList();
        return new PagedList<AccountView>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>The account with exactly this email, if any.</summary>
    public Task<Guid?> IdOfAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<ILookup<Guid, string>> RolesOfAsync(List<Guid> userIds, CancellationToken cancellationToken)
    {
        var links = await (from link in db.UserRoles.AsNoTracking()
                           join role in db.Roles.AsNoTracking() on link.RoleId equals role.Id
                           where userIds.Contains(link.UserId)
                           select new { link.UserId, role.Name }).ToListAsync(cancellationToken);
        return links.ToLookup(l => l.UserId, l => l.Name ?? "");
    }
}
