using CarbonEdge.Cloud.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>The audit log for admins (T/CEPPC 14-2023 §5.4; T/CES carbon statistics §8.3).</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", Read).WithTags("Audit");
        return api;
    }

    /// <summary>
    /// <c>GET /api/v1/audit?after=ID&amp;limit=N&amp;action=PREFIX</c>: rows after <c>after</c> (default 0), oldest first,
    /// at most <c>limit</c> (1..1000, default 100), optionally only one action and its sub-actions (<c>access.denied</c>,
    /// <c>registry</c>...); <c>next</c> is the <c>after</c> of the following page, or null at the end.
    /// </summary>
    internal static Results<Ok<AuditPageDto>, ValidationProblem> Read(long? after, int? limit, string? action, AuditLog log)
    {
        var errors = new Dictionary<string, string[]>();
        if (after is < 0) errors["after"] = ["after must be >= 0"];
        if (limit is < 1 or > 1000) errors["limit"] = ["limit must be 1..1000"];
        if (action is not null && (action.Length > 64 || !action.All(c => char.IsAsciiLetterLower(c) || c is '.' or '-'))) errors["action"] = ["action is a dotted lowercase name (e.g. access.denied)"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        int n = limit ?? 100;
        var rows = log.Read(after ?? 0, n, action);
        return TypedResults.Ok(new AuditPageDto(rows, rows.Count == n ? rows[^1].Id : null, log.Count()));
    }
}

/// <summary>A page of the audit log.</summary>
/// <param name="Entries">Rows, oldest first.</param>
/// <param name="Next">The <c>after</c> of the next page, or null.</param>
/// <param name="Total">Rows in the whole log.</param>
internal sealed record AuditPageDto(IReadOnlyList<AuditEntry> Entries, long? Next, long Total);
