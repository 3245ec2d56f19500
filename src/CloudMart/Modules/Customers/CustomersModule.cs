using CloudMart.Modules.Customers.Data;
using CloudMart.Modules.Customers.ManageUsers;
using CloudMart.Modules.Customers.Me;
using CloudMart.Modules.Customers.Register;
using CloudMart.Modules.Customers.SeedAdministrator;
using CloudMart.Modules.Customers.SignIn;
using CloudMart.Platform.Security;
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
        services.Configure<AccountMail.AccountMailLimits>(configuration.GetSection("CloudMart:RateLimits"));
        services.AddOptions<AccountMail.AccountOptions>().Bind(configuration.GetSection(AccountMail.AccountOptions.Section))
            .Configure(o => o.PublicUrl ??= Uri.TryCreate(configuration["CloudMart:PublicUrl"], UriKind.Absolute, out var url) ? url : null)
            .Validate(o => o.LinkLifetime > TimeSpan.Zero && o.LinkLifetime <= TimeSpan.FromDays(7), "CloudMart:Accounts:LinkLifetime must be between 0 and 7 days, e.g. 02:00:00.")
            .ValidateOnStart();
        // Identity's reset and change-email tokens expire after the configured link lifetime.
        services.AddOptions<DataProtectionTokenProviderOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<AccountMail.AccountOptions>>((tokens, accounts) => tokens.TokenLifespan = accounts.Value.LinkLifetime);
        services.AddSingleton<AccountMail.AccountMailLimiter>();
        services.AddSingleton<AccountMail.AccountLinks>();
        services.AddScoped<ResetPassword.PasswordReset>();
        services.AddScoped<ManageAccount.AccountSettings>();
        services.AddScoped<AddressBook.AddressBook>();
        services.AddScoped<DownloadData.DownloadDataEndpoint.AccountDataExport>();
        services.AddScoped<CloseAccount.AccountClosure>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity");
        RegisterEndpoint.Map(auth);
        SignInEndpoints.Map(auth);
        ResetPassword.ResetPasswordEndpoints.Map(auth);
        var account = app.MapGroup("/api/account").WithTags("Account").RequireAuthorization(Policies.SignedIn);
        ManageAccount.AccountEndpoints.Map(account, auth);
        AddressBook.AddressBookEndpoints.Map(account);
        DownloadData.DownloadDataEndpoint.Map(account);
        CloseAccount.CloseAccountEndpoint.Map(account);
        MeEndpoint.Map(app);
        ManageUsersEndpoints.Map(app);
        return app;
    }
}
