using CloudMart.Platform.Security;

namespace CloudMart.Platform.Messaging.DeadLetters;

/// <summary>/api/admin/events/dead-letters (admin): events a handler could not process, and replaying them once fixed.</summary>
internal static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/api/admin/events/dead-letters").WithTags("Events").RequireAuthorization(Policies.Admin);
        letters.MapGet("/", ListAsync)
            .WithName("ListDeadLetters")
            .WithSummary("Events whose handler still failed after every retry, newest first (admin).");
        letters.MapPost("/{id:guid}/replay", ReplayAsync)
            .WithName("ReplayDeadLetter")
            .WithSummary("Run the dead letter's handler again (admin). 409 if it still fails or was replayed already.");
        return app;
    }

    internal static async Task<Results<Ok<PagedList<DeadLetterView>>, ValidationProblem>> ListAsync(
        bool? includeReplayed, int? page, int? pageSize, DeadLetterReplay replay, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var (items, total) = await replay.ListAsync(includeReplayed ?? false, paging.Skip, paging.PageSize, cancellationToken);
        return TypedResults.Ok(new PagedList<DeadLetterView>(items, paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<DeadLetterView>, ProblemHttpResult>> ReplayAsync(Guid id, DeadLetterReplay replay, CancellationToken cancellationToken)
    {
        var (outcome, letter, error) = await replay.ReplayAsync(id, cancellationToken);
        return outcome switch
        {
            ReplayOutcome.Replayed => TypedResults.Ok(letter!),
            ReplayOutcome.NotFound => ProblemTypes.NotFoundProblem("There is no such dead letter."),
            ReplayOutcome.AlreadyReplayed => ProblemTypes.ConflictProblem("This dead letter was replayed already."),
            _ => ProblemTypes.ConflictProblem($"The handler still fails: {error}"),
        };
    }
}
