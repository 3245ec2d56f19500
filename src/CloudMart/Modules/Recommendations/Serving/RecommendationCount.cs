namespace CloudMart.Modules.Recommendations.Serving;

internal static class RecommendationCount
{
    public const int Default = 10;
    public const int Max = 50;

    /// <summary>The <c>count</c> query parameter: 1..50, 10 when absent.</summary>
    public static int From(int? count, Validation validation)
    {
        validation.Check(count is null or >= 1 and <= Max, "count", $"count must be between 1 and {Max}.");
        return count ?? Default;
    }

    /// <summary>How many candidates to draw for <paramref name="count"/> results, leaving room for the ones filtered out.</summary>
    public static int Candidates(int count) => count * 3 + 10;
}
