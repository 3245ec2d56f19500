using CloudMart.Modules.Notifications.CustomerEmails;
using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Notifications.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Notifications;

/// <summary>
/// The order e-mails read their orders through <see cref="IOrderLookup"/>, from whichever store holds them: the
/// message is written from the stored order (its number, lines and total, to the customer's address).
/// </summary>
public abstract class OrderEmailLookup(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task The_lookup_finds_several_orders_at_once_with_their_lines_and_skips_unknown_ids()
    {
        var mug = await _api.CreateProductAsync(stock: 10, price: 8m);
        var pot = await _api.CreateProductAsync(stock: 10, price: 30m);
        var buyer = await _api.CustomerAsync();
        var first = await Api.PlacedOrderAsync(buyer.Client, (mug.Id, 2), (pot.Id, 1));
        var second = await Api.PlacedOrderAsync(buyer.Client, (pot.Id, 3));

        await using var scope = shop.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<IOrderLookup>()
            .FindManyAsync([first.GetProperty("id").GetGuid(), Guid.NewGuid(), second.GetProperty("id").GetGuid()], CancellationToken.None);

        Assert.Equal(2, found.Count);
        var one = Assert.Single(found, o => o.Id == first.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("number").GetString(), one.Number);
        Assert.Equal(buyer.Id, one.CustomerId);
        Assert.Equal("Placed", one.Status);
        Assert.Equal(first.GetProperty("total").GetDecimal(), one.Total);
        Assert.Equal([(mug.Sku, 2, 16m), (pot.Sku, 1, 30m)], one.Lines.Select(l => (l.Sku, l.Quantity, l.LineTotal)).OrderBy(l => l.Item3).ToArray());
        Assert.Equal(("Ada Shopper", "Portland", "US"), (one.ShipToName, one.ShipToCity, one.ShipToCountry));
        Assert.Equal(3, Assert.Single(found, o => o.Id == second.GetProperty("id").GetGuid()).Lines.Single().Quantity);
    }

    [Fact]
    public async Task The_confirmation_email_is_written_from_the_stored_order_to_its_customer()
    {
        var product = await _api.CreateProductAsync(stock: 10, price: 19.5m);
        var buyer = await _api.CustomerAsync();
        var order = await Api.PlacedOrderAsync(buyer.Client, (product.Id, 2));
        var id = order.GetProperty("id").GetGuid();
        var number = order.GetProperty("number").GetString()!;
        await _api.ConfirmPaymentAsync(id);

        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var handlers = ActivatorUtilities.CreateInstance<OrderEmailHandlers>(scope.ServiceProvider);
            await handlers.HandleAsync(new OrderConfirmed(Guid.NewGuid(), DateTime.UtcNow, id, number, buyer.Id, order.GetProperty("total").GetDecimal(), "USD"),
                null!, CancellationToken.None);
        }

        var folder = shop.Services.GetRequiredService<DataDirectoryPath>().Mail;
        var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder, $"order-confirmed-{number}-*.eml")));
        Assert.Equal(buyer.Email, message.To.Mailboxes.Single().Address, ignoreCase: true);
        Assert.Equal($"Order {number} is confirmed", message.Subject);
        Assert.Contains($"2 x Test product {product.Sku}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Delivering to Ada Shopper, Portland, US.", message.TextBody, StringComparison.Ordinal);
    }
}

public sealed class OrderEmailLookupOnSqlite(SqliteShop shop) : OrderEmailLookup(shop), IClassFixture<SqliteShop>;

public sealed class OrderEmailLookupOnPostgres(PostgresShop shop) : OrderEmailLookup(shop), IClassFixture<PostgresShop>;
