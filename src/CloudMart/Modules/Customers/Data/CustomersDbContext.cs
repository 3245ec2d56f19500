using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Customers.Data;

/// <summary>A shop account. Passwords are only ever handled by ASP.NET Core Identity (hashed, with lockout).</summary>
internal sealed class ShopUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 100;

    public DateTime RegisteredAt { get; set; }

    /// <summary>The name the shop greets the customer by; optional.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The shipping address of the customer's last checkout (JSON of <see cref="PostalAddress"/>), offered at the next.</summary>
    public string? LastShippingAddress { get; set; }

    /// <summary>When the customer closed the account: it can no longer sign in and its personal data is gone.</summary>
    public DateTime? ClosedAt { get; set; }
}

/// <summary>An address in a customer's address book; at most one per customer is the default used at checkout.</summary>
internal sealed class SavedAddress
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public required string Name { get; set; }

    public required string Line1 { get; set; }

    public string? Line2 { get; set; }

    public required string City { get; set; }

    public required string PostalCode { get; set; }

    public required string Country { get; set; }

    public bool IsDefault { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal abstract class CustomersDbContext : IdentityDbContext<ShopUser, IdentityRole<Guid>, Guid>
{
    public CustomersDbContext(DbContextOptions options, DatabaseSession? session = null)
        : base(options)
    {
        session?.Attach(this);
    }

    public DbSet<SavedAddress> Addresses => Set<SavedAddress>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        StoreConventions.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ShopUser>(user =>
        {
            user.ToTable("customers_users");
            user.Property(u => u.DisplayName).HasMaxLength(ShopUser.MaxDisplayNameLength);
            user.Property(u => u.LastShippingAddress).HasMaxLength(1000);
        });
        builder.Entity<SavedAddress>(address =>
        {
            address.ToTable("customers_addresses");
            address.HasKey(a => a.Id);
            address.HasIndex(a => a.CustomerId);
            address.Property(a => a.Name).HasMaxLength(100);
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.Country).HasMaxLength(2);
        });
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
