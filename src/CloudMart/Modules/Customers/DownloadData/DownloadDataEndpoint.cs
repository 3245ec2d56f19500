using CloudMart.Modules.Customers.AddressBook;
using CloudMart.Modules.Customers.Data;
using CloudMart.Modules.Customers.ManageAccount;
using CloudMart.Modules.Ordering.Contracts;
using Microsoft.AspNetCore.Identity;

namespace CloudMart.Modules.Customers.DownloadData;

internal sealed record AccountData(
    DateTime ExportedAt, AccountDataAccount Account, IReadOnlyList<AddressView> Addresses, PostalAddress? LastShippingAddress,
    IReadOnlyList<CustomerOrder> Orders);

internal sealed record AccountDataAccount(Guid Id, string Email, string? Name, IReadOnlyList<string> Roles, DateTime RegisteredAt);

/// <summary>
/// GET /api/account/data: everything the shop holds about the caller, as one JSON file: the account, its addresses and
/// its orders (read through the Ordering module's customer contract, which shows a customer only their own).
/// </summary>
internal static class DownloadDataEndpoint
{
    /// <summary>More orders than any one shopper places; the export is not paged.</summary>
    private const int MaxOrders = 10_000;

    public static void Map(RouteGroupBuilder account) =>
        account.MapGet("/data", DownloadAsync)
            .WithName("DownloadAccountData")
            .WithSummary("Your data as a JSON download: account, addresses, last shipping address and orders.");

    internal static async Task<Results<FileContentHttpResult, UnauthorizedHttpResult>> DownloadAsync(
        ClaimsPrincipal principal, AccountSettings settings, AccountDataExport export, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await settings.AccountOfAsync(principal) is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        var data = await export.ExportAsync(user, cancellationToken);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data, AccountDataExport.Json);
        return TypedResults.File(json, "application/json", $"cloudmart-my-data-{clock.GetUtcNow():yyyy-MM-dd}.json");
    }

    /// <summary>Builds the export; the page and the route share it.</summary>
    internal sealed class AccountDataExport(UserManager<ShopUser> users, AddressBook.AddressBook book, ICustomerOrders orders, TimeProvider clock)
    {
        public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

        public async Task<AccountData> ExportAsync(ShopUser user, CancellationToken cancellationToken) => new(
            clock.GetUtcNow().UtcDateTime,
            new AccountDataAccount(user.Id, user.Email ?? "", user.DisplayName, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(), user.RegisteredAt),
            await book.ListAsync(user.Id, cancellationToken),
            await book.LastShippingAddressAsync(user.Id, cancellationToken),
            await orders.ListAsync(user.Id, MaxOrders, cancellationToken));
    }
}
