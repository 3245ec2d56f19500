using CloudMart.Modules.Customers.Data;
using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers.SeedAdministrator;

/// <summary>Bound from <c>CloudMart:Admin</c> (environment <c>CloudMart__Admin__Email</c>, <c>CloudMart__Admin__Password</c>).</summary>
internal sealed class AdministratorOptions
{
    public const string Section = "CloudMart:Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}

/// <summary>At start: the three roles exist, and the configured administrator exists and holds the admin role.</summary>
internal sealed partial class AdministratorSeeder(
    RoleManager<IdentityRole<Guid>> roles, UserManager<ShopUser> users, Microsoft.Extensions.Options.IOptions<AdministratorOptions> options,
    TimeProvider clock, ILogger<AdministratorSeeder> logger)
{
    public async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
        var (email, password) = (options.Value.Email?.Trim().ToLowerInvariant(), options.Value.Password);
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            return;
        }
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new ShopUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, RegisteredAt = clock.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    "CloudMart:Admin:Password is not accepted: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            LogCreated();
        }
        foreach (var role in new[] { Roles.Customer, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(admin, role))
            {
                await users.AddToRoleAsync(admin, role);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the administrator account from configuration")]
    private partial void LogCreated();
}
