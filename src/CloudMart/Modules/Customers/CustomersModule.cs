using CloudMart.Modules.Customers.Data;
using CloudMart.Modules.Customers.ManageUsers;
using CloudMart.Modules.Customers.Me;
using CloudMart.Modules.Customers.Register;
using CloudMart.Modules.Customers.SeedAdministrator;
using CloudMart.Modules.Customers.SignIn;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers;

internal static class CustomersModule
{
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CustomersDbContext, SqliteCustomersDbContext, PostgresCustomersDbContext>("customers");
        services.AddIdentityApiEndpoints<ShopUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 8;
                identity.Password.RequireDigit = true;
                identity.Password.RequireLowercase = true;
                identity.Password.RequireUppercase = true;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<CustomersDbContext>();
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, bearer =>
        {
            bearer.BearerTokenExpiration = TimeSpan.FromHours(1);
            bearer.RefreshTokenExpiration = TimeSpan.FromDays(14);
        });
        services.Configure<AdministratorOptions>(configuration.GetSection(AdministratorOptions.Section));
        services.AddScoped<AdministratorSeeder>();
        services.AddScoped<Contracts.ICustomerDirectory, CustomerDirectory>();
        services.AddScoped<ManageUsers.AccountList>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity");
        RegisterEndpoint.Map(auth);
        SignInEndpoints.Map(auth);
        MeEndpoint.Map(app);
        ManageUsersEndpoints.Map(app);
        return app;
    }
}
