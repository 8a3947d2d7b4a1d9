using CarbonEdge.Cloud.Api;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Account;

/// <summary>One meter's active power over the last hours, a point per minute.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Points">(time, mean kW of the minute), oldest first.</param>
internal sealed record PowerSeriesDto(string Device, IReadOnlyList<PowerPointDto> Points);

/// <summary>A minute's mean active power.</summary>
internal sealed record PowerPointDto(DateTimeOffset Ts, double Kw);

/// <summary>The site's meters' active power over the last hours.</summary>
internal sealed record PowerHistoryDto(string Site, int Hours, IReadOnlyList<PowerSeriesDto> Meters);

/// <summary><c>GET /api/v1/sites/{site}/power?hours=N</c> (1..48, default 6): the dashboard's live kW line per meter.</summary>
internal static class PowerHistoryEndpoint
{
    internal static async Task<Results<JsonHttpResult<PowerHistoryDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> GetAsync(
        string site, int? hours, RegistryStore registry, InfluxQueryClient influx, TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.Sites().All(s => s.Id != site)) return TypedResults.NotFound(ProblemDetailsDto.UnknownSite(site));
        int span = hours ?? 6;
        if (span is < 1 or > 48) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hours"] = ["hours must be 1..48"] });
        var now = time.GetUtcNow();
        var series = await influx.QueryAsync(
            $"SELECT mean(value) FROM {ReadingPoints.Measurement} WHERE site = {InfluxQl.Literal(site)} AND point = {InfluxQl.Literal(Points.PowerActive)} " +
            $"AND time >= {InfluxQl.Time(now.AddHours(-span))} AND time <= {InfluxQl.Time(now)} GROUP BY time(1m), device fill(none)", cancellationToken);
        var meters = series.Select(s => new PowerSeriesDto(s.Tags.GetValueOrDefault("device", ""),
                [.. s.Values.Where(r => r[1] is double).Select(r => new PowerPointDto(DateTimeOffset.FromUnixTimeMilliseconds((long)r[0]!), (double)r[1]!))]))
            .OrderBy(m => m.Device, StringComparer.Ordinal).ToList();
        return TypedResults.Json(new PowerHistoryDto(site, span, meters), AccountJsonContext.Default.PowerHistoryDto);
    }
}
