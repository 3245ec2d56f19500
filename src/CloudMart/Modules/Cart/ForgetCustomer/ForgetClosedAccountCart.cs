using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Customers.Contracts;
using CloudMart.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Cart.ForgetCustomer;

/// <summary>A closed account's cart goes with it.</summary>
internal sealed class ForgetClosedAccountCart(CartDbContext db) : IEventHandler<CustomerAccountClosed>
{
    public Task HandleAsync(CustomerAccountClosed e, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(ct => db.Items.Where(i => i.CustomerId == e.CustomerId).ExecuteDeleteAsync(ct), cancellationToken);
}
