using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>What ingestion has done: counters of written and refused data.</summary>
internal static class IngestionEndpoints
{
    public static RouteGroupBuilder MapIngestion(this RouteGroupBuilder api)
    {
        api.MapGet("/ingestion", Stats);
        return api;
    }

    /// <summary><c>GET /api/v1/ingestion</c>: messages, readings written, rejections by reason, seq gaps, dead letters.</summary>
    internal static Ok<IngestionDto> Stats(IngestionStats stats, RegistryStore registry) =>
        TypedResults.Ok(new IngestionDto(stats.Snapshot(), registry.DeadLetterCount()));
}

/// <summary>Ingestion counters and the number of dead letters kept in the registry.</summary>
internal sealed record IngestionDto(IngestionStatsSnapshot Counters, long DeadLetters);
