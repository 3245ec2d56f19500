namespace CloudMart.Platform.Http;

/// <summary>The <c>type</c> URIs of CloudMart's problem responses, documented in the API reference.</summary>
internal static class ProblemTypes
{
    private const string Base = "https://cloudmart.dev/problems/";
    public const string Validation = Base + "validation";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string OutOfStock = Base + "out-of-stock";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";

    public static ProblemHttpResult NotFoundProblem(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", type: NotFound);

    public static ProblemHttpResult ConflictProblem(string detail, string type = Conflict, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: type, extensions: extensions);
}
