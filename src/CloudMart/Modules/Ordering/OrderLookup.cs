using CloudMart.Modules.Ordering.Contracts;
using CloudMart.Modules.Ordering.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering;

internal sealed class OrderLookup(OrderingDbContext db) : IOrderLookup
{
    public async Task<IReadOnlyList<OrderSummary>> FindManyAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken) =>
        (await db.Orders.AsNoTracking().IgnoreAutoIncludes().Include(x => x.Lines).Where(x => orderIds.Contains(x.Id)).ToListAsync(cancellationToken))
            .Select(Summary).ToList();

    internal static OrderSummary Summary(Order o) =>
        new(o.Id, o.Number, o.CustomerId, o.Status.ToString(),
            o.Lines.Select(l => new OrderSummaryLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.LineTotal)).ToList(),
            o.Subtotal, o.ShippingCost, o.Tax, o.Total, o.Currency,
            o.ShippingAddress.Name, o.ShippingAddress.City, o.ShippingAddress.Country, o.Carrier, o.TrackingNumber, o.CreatedAt);
}
