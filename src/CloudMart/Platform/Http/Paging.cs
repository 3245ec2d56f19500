namespace CloudMart.Platform.Http;

/// <summary>The paged list shape of API v1: <c>{ items, page, pageSize, totalCount }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

internal readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    public static PageRequest From(int? page, int? pageSize, Validation validation)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        validation.Check(p is >= 1 and <= 1_000_000, "page", "page must be between 1 and 1000000.");
        validation.Check(size is >= 1 and <= MaxPageSize, "pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        return new PageRequest(Math.Max(p, 1), Math.Clamp(size, 1, MaxPageSize));
    }
}
