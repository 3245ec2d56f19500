using System.Text.Json;
using System.Text.RegularExpressions;
using CloudMart.Modules.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Customers.AddressBook;

/// <summary>A postal address as the API shows it and takes it (the same fields as an order's shipping address).</summary>
internal sealed record PostalAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

internal sealed record AddressInput(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? Country, bool? IsDefault);

internal sealed record AddressView(Guid Id, string Name, string Line1, string? Line2, string City, string PostalCode, string Country, bool IsDefault)
{
    public static AddressView Of(SavedAddress a) => new(a.Id, a.Name, a.Line1, a.Line2, a.City, a.PostalCode, a.Country, a.IsDefault);

    public PostalAddress Postal => new(Name, Line1, Line2, City, PostalCode, Country);
}

/// <summary>What an address-book change came to.</summary>
internal enum AddressChange
{
    Done,
    NotFound,
    Full,
}

/// <summary>
/// A customer's saved addresses: add, edit, delete, choose the default (exactly one while any exist). Checkout starts
/// from the default, or else from the address the customer last shipped to, which it remembers.
/// </summary>
internal sealed partial class AddressBook(CustomersDbContext db, UnitOfWork unitOfWork, TimeProvider clock)
{
    public const int MaxAddresses = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<AddressView>> ListAsync(Guid customerId, CancellationToken cancellationToken) =>
        (await db.Addresses.AsNoTracking().Where(a => a.CustomerId == customerId).ToListAsync(cancellationToken))
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(AddressView.Of).ToList();

    public static PostalAddress? Validate(AddressInput input, Validation validation)
    {
        var name = validation.Text(input.Name, "name", 100);
        var line1 = validation.Text(input.Line1, "line1", 200);
        var line2 = validation.OptionalText(input.Line2, "line2", 200);
        var city = validation.Text(input.City, "city", 100);
        var postalCode = validation.Text(input.PostalCode, "postalCode", 20);
        if (postalCode.Length > 0)
        {
            validation.Check(PostalCodePattern().IsMatch(postalCode), "postalCode", "postalCode may contain only letters, digits, spaces and '-'.");
        }
        var country = validation.Text(input.Country, "country", 2, minLength: 2).ToUpperInvariant();
        if (country.Length == 2)
        {
            validation.Check(CountryPattern().IsMatch(country), "country", "country must be a two-letter ISO 3166 code such as US or DE.");
        }
        return validation.IsValid ? new PostalAddress(name, line1, line2, city, postalCode, country) : null;
    }

    public async Task<(AddressChange Change, AddressView? Address)> AddAsync(Guid customerId, PostalAddress address, bool makeDefault, CancellationToken cancellationToken)
    {
        return await unitOfWork.ExecuteAsync<(AddressChange, AddressView?)>(async ct =>
        {
            var existing = await db.Addresses.Where(a => a.CustomerId == customerId).ToListAsync(ct);
            if (existing.Count >= MaxAddresses)
            {
                return (AddressChange.Full, null);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var saved = new SavedAddress
            {
                Id = Guid.CreateVersion7(), CustomerId = customerId, Name = address.Name, Line1 = address.Line1, Line2 = address.Line2,
                City = address.City, PostalCode = address.PostalCode, Country = address.Country, CreatedAt = now, UpdatedAt = now,
                IsDefault = makeDefault || existing.Count == 0,
            };
            if (saved.IsDefault)
            {
                existing.ForEach(a => a.IsDefault = false);
            }
            db.Addresses.Add(saved);
            return (AddressChange.Done, AddressView.Of(saved));
        }, cancellationToken);
    }

    public async Task<(AddressChange Change, AddressView? Address)> UpdateAsync(Guid customerId, Guid id, PostalAddress address, bool makeDefault, CancellationToken cancellationToken)
    {
        return await unitOfWork.ExecuteAsync<(AddressChange, AddressView?)>(async ct =>
        {
            var existing = await db.Addresses.Where(a => a.CustomerId == customerId).ToListAsync(ct);
            if (existing.FirstOrDefault(a => a.Id == id) is not { } saved)
            {
                return (AddressChange.NotFound, null);
            }
            (saved.Name, saved.Line1, saved.Line2, saved.City, saved.PostalCode, saved.Country) =
                (address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country);
            saved.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            if (makeDefault)
            {
                existing.ForEach(a => a.IsDefault = a.Id == id);
            }
            return (AddressChange.Done, AddressView.Of(saved));
        }, cancellationToken);
    }

    public async Task<AddressChange> SetDefaultAsync(Guid customerId, Guid id, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var existing = await db.Addresses.Where(a => a.CustomerId == customerId).ToListAsync(ct);
            if (existing.All(a => a.Id != id))
            {
                return AddressChange.NotFound;
            }
            existing.ForEach(a => a.IsDefault = a.Id == id);
            return AddressChange.Done;
        }, cancellationToken);

    /// <summary>Deletes an address; when it was the default, the oldest remaining one becomes the default.</summary>
    public async Task<AddressChange> DeleteAsync(Guid customerId, Guid id, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var existing = await db.Addresses.Where(a => a.CustomerId == customerId).ToListAsync(ct);
            if (existing.FirstOrDefault(a => a.Id == id) is not { } saved)
            {
                return AddressChange.NotFound;
            }
            db.Addresses.Remove(saved);
            if (saved.IsDefault && existing.Where(a => a.Id != id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).FirstOrDefault() is { } next)
            {
                next.IsDefault = true;
            }
            return AddressChange.Done;
        }, cancellationToken);

    /// <summary>Where checkout starts: the default address, or else the address of the customer's last checkout.</summary>
    public async Task<PostalAddress?> CheckoutAddressAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var book = await ListAsync(customerId, cancellationToken);
        if (book.FirstOrDefault(a => a.IsDefault) is { } preferred)
        {
            return preferred.Postal;
        }
        return await LastShippingAddressAsync(customerId, cancellationToken);
    }

    public async Task<PostalAddress?> LastShippingAddressAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var json = await db.Users.AsNoTracking().Where(u => u.Id == customerId).Select(u => u.LastShippingAddress).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<PostalAddress>(json, Json);
    }

    /// <summary>
    /// Called after a checkout: remembers the address for the next one and, when asked, adds it to the address book
    /// (unless the book already holds it, or is full).
    /// </summary>
    public async Task RememberCheckoutAddressAsync(Guid customerId, PostalAddress address, bool saveToBook, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (Validate(new AddressInput(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country, null), validation) is not { } valid)
        {
            return;
        }
        await unitOfWork.ExecuteAsync(async ct =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == customerId && u.ClosedAt == null, ct);
            if (user is null)
            {
                return;
            }
            user.LastShippingAddress = JsonSerializer.Serialize(valid, Json);
            var existing = await db.Addresses.Where(a => a.CustomerId == customerId).ToListAsync(ct);
            if (saveToBook && existing.Count < MaxAddresses && !existing.Any(a => AddressView.Of(a).Postal == valid))
            {
                var now = clock.GetUtcNow().UtcDateTime;
                db.Addresses.Add(new SavedAddress
                {
                    Id = Guid.CreateVersion7(), CustomerId = customerId, Name = valid.Name, Line1 = valid.Line1, Line2 = valid.Line2,
                    City = valid.City, PostalCode = valid.PostalCode, Country = valid.Country, CreatedAt = now, UpdatedAt = now,
                    IsDefault = existing.Count == 0,
                });
            }
        }, cancellationToken);
    }

    /// <summary>True when the address book already holds exactly this address.</summary>
    public async Task<bool> ContainsAsync(Guid customerId, PostalAddress address, CancellationToken cancellationToken) =>
        (await ListAsync(customerId, cancellationToken)).Any(a => a.Postal == address);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 -]*$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
