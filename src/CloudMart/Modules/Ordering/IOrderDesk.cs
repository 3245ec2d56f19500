namespace CloudMart.Modules.Ordering;

/// <summary>
/// Reading and moving orders (view, list, cancel, ship, deliver): the port /api/orders and the back-office call, with
/// a relational adapter (<see cref="OrderDesk"/>) and a DynamoDB adapter (<see cref="Data.DynamoDb.DynamoOrderDesk"/>).
/// </summary>
internal interface IOrderDesk
{
    /// <summary>The longest order number there is (CM- and the sequence): anything longer is simply not found.</summary>
    const int MaxNumberLength = 20;

    /// <summary>An order number as people type it (case and spaces aside), or null when it cannot be one.</summary>
    static string? NormaliseNumber(string? number) =>
        number?.Trim().ToUpperInvariant() is { Length: > 0 and <= MaxNumberLength } normal ? normal : null;

    Task<Results<Ok<PagedList<OrderView>>, ValidationProblem>> ListAsync(
        Guid? customerId, string? status, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>An order by its number (CM-000123), on the same terms as by id: another customer's order is not found.</summary>
    Task<Results<Ok<OrderView>, ProblemHttpResult>> FindByNumberAsync(string number, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> ShipAsync(
        Guid id, string? carrier, string? trackingNumber, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> DeliverAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken);

    Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> CancelAsync(Guid id, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken);
}
