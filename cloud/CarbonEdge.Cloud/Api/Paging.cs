namespace CarbonEdge.Cloud.Api;

/// <summary>One page of a list: <c>?page=</c> from 1 (default 1), <c>?pageSize=</c> 1..500 (default 50).</summary>
/// <param name="Items">The page's items.</param>
/// <param name="Number">Page number, from 1.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Items in the whole list.</param>
internal sealed record Page<T>(IReadOnlyList<T> Items, [property: System.Text.Json.Serialization.JsonPropertyName("page")] int Number, int PageSize, int Total);

/// <summary>Cuts lists into pages.</summary>
internal static class Paging
{
    /// <summary>Most items per page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The page asked for, or false with the problem in <paramref name="errors"/>.</summary>
    public static bool TryPage<T>(IReadOnlyList<T> all, int? page, int? pageSize, Dictionary<string, string[]> errors, out Page<T> result)
    {
        int p = page ?? 1, size = pageSize ?? 50;
        if (p < 1) errors["page"] = ["page counts from 1"];
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be 1..{MaxPageSize}"];
        result = errors.Count > 0 ? new([], p, size, all.Count) : new(all.Skip((int)Math.Min((long)(p - 1) * size, int.MaxValue)).Take(size).ToList(), p, size, all.Count);
        return errors.Count == 0;
    }
}
