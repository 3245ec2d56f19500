using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Customers.Data;

/// <summary>A shop account. Passwords are only ever handled by ASP.NET Core Identity (hashed, with lockout).</summary>
internal sealed class ShopUser : IdentityUser<Guid>
{
    public DateTime RegisteredAt { get; set; }
}

internal abstract class CustomersDbContext : IdentityDbContext<ShopUser, IdentityRole<Guid>, Guid>
{
    public CustomersDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options)
    {
        session?.Attach(this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StoreConventions.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ShopUser>().ToTable("customers_users");
        builder.Entity<IdentityRole<Guid>>().ToTable("customers_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("customers_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("customers_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("customers_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("customers_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("customers_role_claims");
    }
}

internal sealed class SqliteCustomersDbContext(DbContextOptions<SqliteCustomersDbContext> options, DatabaseSession? session = null)
    : CustomersDbContext(options, session);

internal sealed class PostgresCustomersDbContext(DbContextOptions<PostgresCustomersDbContext> options, DatabaseSession? session = null)
    : CustomersDbContext(options, session);

internal sealed class SqliteCustomersDesignTimeFactory : SqliteDesignTimeFactory<SqliteCustomersDbContext>;

internal sealed class PostgresCustomersDesignTimeFactory : PostgresDesignTimeFactory<PostgresCustomersDbContext>;
