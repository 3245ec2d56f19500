using CloudMart.Modules.Customers.Data;
using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Customers.ManageUsers;

internal sealed record RolesInput(List<string>? Roles);

/// <summary>/api/admin/users: staff look accounts up; only admins grant roles.</summary>
internal static class ManageUsersEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Identity");
        users.MapGet("/", ListAsync)
            .WithName("ListUsers")
            .WithSummary("Accounts, newest first, optionally filtered by email (support, admin).")
            .RequireAuthorization(Policies.Staff);
        users.MapPut("/{id:guid}/roles", SetRolesAsync)
            .WithName("SetUserRoles")
            .WithSummary("Set an account's roles (admin). Every account keeps the customer role.")
            .RequireAuthorization(Policies.Admin);
    }

    internal static async Task<Results<Ok<PagedList<AccountView>>, ValidationProblem>> ListAsync(
        string? email, int? page, int? pageSize, AccountList accounts, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        var filter = validation.OptionalText(email, "email", 254);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return TypedResults.Ok(await accounts.ListAsync(filter, paging, cancellationToken));
    }

    internal static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> SetRolesAsync(
        Guid id, RolesInput input, ClaimsPrincipal caller, UserManager<ShopUser> users)
    {
        var validation = new Validation();
        var wanted = new SortedSet<string>(StringComparer.Ordinal) { Roles.Customer };
        if (validation.Check(input.Roles is not null, "roles", "roles is required.") && validation.Check(input.Roles.Count <= 10, "roles", "Too many roles."))
        {
            foreach (var role in input.Roles)
            {
                var name = (role ?? "").Trim().ToLowerInvariant();
                if (validation.Check(Roles.All.Contains(name), "roles", $"roles may only contain: {string.Join(", ", Roles.All)}."))
                {
                    wanted.Add(name);
                }
            }
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return ProblemTypes.NotFoundProblem("There is no such account.");
        }
        if (user.Id == caller.Id() && !wanted.Contains(Roles.Admin))
        {
            return ProblemTypes.ConflictProblem("You cannot take the admin role from yourself; ask another admin.");
        }
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        var added = await users.AddToRolesAsync(user, wanted.Except(current));
        if (!removed.Succeeded || !added.Succeeded)
        {
            return ProblemTypes.ConflictProblem("The roles could not be changed; try again.");
        }
        // A new security stamp makes refresh tokens issued under the old roles stop working.
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(await AccountView.FromAsync(user, users));
    }
}
