using CloudMart.Modules.Cart.Data;
using CloudMart.Modules.Customers.Contracts;
using CloudMart.Platform.Messaging;

namespace CloudMart.Modules.Cart.ForgetCustomer;

/// <summary>A closed account's cart goes with it.</summary>
internal sealed class ForgetClosedAccountCart(ICartStore carts) : IEventHandler<CustomerAccountClosed>
{
    public Task HandleAsync(CustomerAccountClosed e, HandlerContext context, CancellationToken cancellationToken) =>
        context.CommitAsync(ct => carts.ForgetAsync(e.CustomerId, ct), cancellationToken);
}
