namespace CloudMart.Modules.Assistant.ShopPolicies;

internal sealed record PolicyPageSummary(string Slug, string Title);

/// <summary>GET /api/assistant/policies and /{slug}: the shop's policy pages as markdown, for the storefront to render.</summary>
internal static class PolicyEndpoints
{
    public static void Map(RouteGroupBuilder assistant)
    {
        assistant.MapGet("/policies", List)
            .WithName("ListPolicyPages")
            .WithSummary("The shop's policy pages: returns, refunds, delivery, payment, ordering, account and privacy, contact.")
            .AllowAnonymous();
        assistant.MapGet("/policies/{slug}", Get)
            .WithName("GetPolicyPage")
            .WithSummary("One policy page as markdown.")
            .AllowAnonymous();
    }

    internal static Ok<IReadOnlyList<PolicyPageSummary>> List(PolicyLibrary library) =>
        TypedResults.Ok<IReadOnlyList<PolicyPageSummary>>(library.AllPages.Select(p => new PolicyPageSummary(p.Slug, p.Title)).ToList());

    internal static Results<Ok<PolicyPage>, ProblemHttpResult> Get(string slug, PolicyLibrary library) =>
        library.AllPages.FirstOrDefault(p => string.Equals(p.Slug, slug, StringComparison.OrdinalIgnoreCase)) is { } page
            ? TypedResults.Ok(page)
            : ProblemTypes.NotFoundProblem("There is no such policy page.");
}
