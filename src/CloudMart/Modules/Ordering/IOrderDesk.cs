namespace CloudMart.Modules.Ordering;

/// <summary>
/// Reading and moving orders (view, list, cancel, ship, deliver): the port /api/orders and the back-office call, with
/// a relational adapter (<see cref="OrderDesk"/>) and a DynamoDB adapter (<see cref="Data.DynamoDb.DynamoOrderDesk"/>).
/// </summary>
internal interface IOrderDesk
{
    Task<Results<Ok<PagedList<OrderView>>, ValidationProblem>> ListAsync(
        Guid? customerId, string? status, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> ShipAsync(
        Guid id, string? carrier, string? trackingNumber, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> DeliverAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> CancelAsync(Guid id, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken);
}
