using CloudMart.Modules.Ordering.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Ordering.ViewOrders;

/// <summary>GET /api/orders and /api/orders/{id}: customers see their own; support and admins see all and may filter.</summary>
internal static class ViewOrdersEndpoints
{
    public static void Map(RouteGroupBuilder orders)
    {
        orders.MapGet("/", (Guid? customerId, string? status, int? page, int? pageSize, ClaimsPrincipal user, IOrderDesk desk, CancellationToken cancellationToken) =>
                desk.ListAsync(customerId, status, page, pageSize, user, cancellationToken))
            .WithName("ListOrders")
            .WithSummary("Orders, newest first: your own, or (support, admin) everyone's, filterable by customerId and status.")
            .RequireAuthorization(Policies.SignedIn);
        orders.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IOrderDesk desk, CancellationToken cancellationToken) =>
                desk.GetAsync(id, user, cancellationToken))
            .WithName("GetOrder")
            .WithSummary("One order with its status history; 404 unless it is yours (or you are staff).")
            .RequireAuthorization(Policies.SignedIn);
    }

    internal static async Task<Results<Ok<PagedList<OrderView>>, ValidationProblem>> ListAsync(
        Guid? customerId, string? status, int? page, int? pageSize, ClaimsPrincipal user, OrderingDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        OrderStatus? wantedStatus = null;
        if (status is not null)
        {
            // Only a status's name: Enum.TryParse would also take numbers and comma lists ("Placed,Cancelled" is Cancelled).
            if (Enum.GetNames<OrderStatus>().FirstOrDefault(name => string.Equals(name, status, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                wantedStatus = Enum.Parse<OrderStatus>(name);
            }
            else
            {
                validation.Add("status", $"status must be one of: {string.Join(", ", Enum.GetNames<OrderStatus>())}.");
            }
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var orders = db.Orders.AsNoTracking();
        if (user.IsStaff())
        {
            if (customerId is { } wanted)
            {
                orders = orders.Where(o => o.CustomerId == wanted);
            }
        }
        else
        {
            var own = user.Id();
            orders = orders.Where(o => o.CustomerId == own);
        }
        if (wantedStatus is { } s)
        {
            orders = orders.Where(o => o.Status == s);
        }
        var total = await orders.CountAsync(cancellationToken);
        var items = await orders.OrderByDescending(o => o.Sequence).Skip(paging.Skip).Take(paging.PageSize)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<OrderView>(items.Select(OrderView.From).ToList(), paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, OrderingDbContext db, CancellationToken cancellationToken)
    {
        var order = await OrderAccess.FindVisibleAsync(db, id, user, cancellationToken);
        return order is null ? OrderAccess.NotFound() : TypedResults.Ok(OrderView.From(order));
    }
}
