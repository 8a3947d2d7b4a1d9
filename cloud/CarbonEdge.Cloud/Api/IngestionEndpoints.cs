using CarbonEdge.Cloud.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>What ingestion has done: counters of written and refused data, and the dead letters (admins).</summary>
internal static class IngestionEndpoints
{
    public static RouteGroupBuilder MapIngestion(this RouteGroupBuilder api)
    {
        api.MapGet("/ingestion", Stats);
        api.MapGet("/ingestion/dead-letters", ReadDeadLetters);
        return api;
    }

    /// <summary><c>GET /api/v1/ingestion</c>: messages, readings written, rejections by reason, seq gaps, dead letters.</summary>
    internal static Ok<IngestionDto> Stats(IngestionStats stats, DeadLetters deadLetters) =>
        TypedResults.Ok(new IngestionDto(stats.Snapshot(), deadLetters.Count()));

    /// <summary>
    /// <c>GET /api/v1/ingestion/dead-letters?after=ID&amp;limit=N&amp;reason=NAME</c>: letters after <c>after</c>
    /// (default 0), oldest first, at most <c>limit</c> (1..1000, default 100), optionally of one reason
    /// (<c>malformed_payload</c>, <c>influx_refused</c>, <c>rate_limited</c>...); each with its topic, reason, detail,
    /// time and raw payload (base64); <c>next</c> is the <c>after</c> of the following page, or null at the end.
    /// </summary>
    internal static Results<Ok<DeadLetterPageDto>, ValidationProblem> ReadDeadLetters(long? after, int? limit, string? reason, DeadLetters deadLetters)
    {
        var errors = new Dictionary<string, string[]>();
        if (after is < 0) errors["after"] = ["after must be >= 0"];
        if (limit is < 1 or > 1000) errors["limit"] = ["limit must be 1..1000"];
        if (reason is not null && (reason.Length > 64 || !reason.All(c => char.IsAsciiLetterLower(c) || c == '_'))) errors["reason"] = ["reason is a snake_case name (e.g. malformed_payload)"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        int n = limit ?? 100;
        var letters = deadLetters.List(after ?? 0, n, reason);
        var items = letters.Select(l => new DeadLetterDto(l.Id, l.Received, l.Topic, l.Reason, l.Detail, l.Payload.Length, Convert.ToBase64String(l.Payload))).ToList();
        return TypedResults.Ok(new DeadLetterPageDto(items, items.Count == n ? items[^1].Id : null, deadLetters.Count()));
    }
}

/// <summary>Ingestion counters and the number of dead letters kept in the registry.</summary>
internal sealed record IngestionDto(IngestionStatsSnapshot Counters, long DeadLetters);

/// <summary>A dead letter as listed.</summary>
/// <param name="Id">Row id (page with <c>after</c>).</param>
/// <param name="Received">When it was kept (UTC).</param>
/// <param name="Topic">MQTT topic.</param>
/// <param name="Reason">Why (snake_case).</param>
/// <param name="Detail">What exactly.</param>
/// <param name="Bytes">Payload length in bytes.</param>
/// <param name="Payload">The raw payload, base64.</param>
internal sealed record DeadLetterDto(long Id, DateTimeOffset Received, string Topic, string Reason, string Detail, int Bytes, string Payload);

/// <summary>A page of dead letters.</summary>
/// <param name="Letters">Oldest first.</param>
/// <param name="Next">The <c>after</c> of the next page, or null.</param>
/// <param name="Total">Letters kept in all.</param>
internal sealed record DeadLetterPageDto(IReadOnlyList<DeadLetterDto> Letters, long? Next, long Total);
