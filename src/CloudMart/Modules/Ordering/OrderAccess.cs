using CloudMart.Modules.Ordering.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering;

/// <summary>Who may see an order: its customer, support and admins. Anyone else is told it does not exist.</summary>
internal static class OrderAccess
{
    public static Task<Order?> FindVisibleAsync(OrderingDbContext db, Guid orderId, ClaimsPrincipal user, CancellationToken cancellationToken, bool tracked = false)
    {
        var orders = tracked ? db.Orders : db.Orders.AsNoTracking();
        if (!user.IsStaff())
        {
            var customerId = user.Id();
            orders = orders.Where(o => o.CustomerId == customerId);
        }
        return orders.AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
    }

    public static ProblemHttpResult NotFound() => ProblemTypes.NotFoundProblem("There is no such order.");

    public static ProblemHttpResult Refused(BrokenRule rule) => ProblemTypes.ConflictProblem(rule.Message);
}
