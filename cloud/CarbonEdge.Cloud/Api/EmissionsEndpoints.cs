using System.Globalization;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Rollups;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>Emissions per enterprise: daily (stored <c>carbon_daily</c>), today so far, and month/quarter/year roll-ups (stored <c>carbon_rollup</c>).</summary>
internal static class EmissionsEndpoints
{
    public static RouteGroupBuilder MapEmissions(this RouteGroupBuilder api)
    {
        api.MapGet("/enterprises/{id}/emissions/daily", DailyAsync);
        api.MapGet("/enterprises/{id}/emissions/today", TodayAsync);
        api.MapGet("/enterprises/{id}/emissions/{period}", PeriodsAsync).AllowPublicDisclosure();
        api.MapGet("/regions/{code}/emissions/{period}", RegionEmissionsEndpoints.PeriodsAsync).AllowPublicDisclosure();
        return api;
    }

    /// <summary>
    /// <c>GET /api/v1/enterprises/{id}/emissions/daily?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> (inclusive local days;
    /// default the last 7 days before today): kWh, tCO2, completeness, estimated and factor version per day and method,
    /// with the factors cited. 400 for bad dates or a range over 366 days, 404 for an unknown enterprise.
    /// </summary>
    internal static async Task<Results<Ok<DailyEmissionsDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> DailyAsync(
        string id, string? from, string? to, RegistryStore registry, InfluxQueryClient influx, EstimationOptions options,
        FactorCatalog factors, TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.Enterprises().All(e => e.Id != id)) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var zone = options.TimeZone;
        var errors = new Dictionary<string, string[]>();
        var (first, last) = PeriodRange.Parse(PeriodKind.Day, from, to, LocalDay.Of(time.GetUtcNow(), zone), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var start = LocalDay.UtcBounds(first.First, zone).Start;
        var end = LocalDay.UtcBounds(last.Last, zone).End;
        var series = await influx.QueryAsync(
            $"SELECT tco2, kwh, completeness, estimated, factor_version FROM {CarbonDailyPoints.Measurement} " +
            $"WHERE enterprise = {InfluxQl.Literal(id)} AND time >= {InfluxQl.Time(start)} AND time < {InfluxQl.Time(end)} GROUP BY method, scope",
            cancellationToken);
        var days = new List<DailyEmissionDto>();
        foreach (var s in series)
        {
            int tco2 = s.IndexOf("tco2"), kwh = s.IndexOf("kwh"), completeness = s.IndexOf("completeness"),
                estimated = s.IndexOf("estimated"), version = s.IndexOf("factor_version");
            foreach (var row in s.Values)
            {
                days.Add(new DailyEmissionDto(
                    LocalDay.Of(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    s.Tags.GetValueOrDefault("method", ""), s.Tags.GetValueOrDefault("scope", ""),
                    row[kwh] as double? ?? 0, row[tco2] as double? ?? 0, row[completeness] as double? ?? 0,
                    row[estimated] as bool? ?? true, row[version] as string ?? ""));
            }
        }
        days.Sort((a, b) => string.CompareOrdinal(a.Day + a.Method, b.Day + b.Method));
        return TypedResults.Ok(new DailyEmissionsDto(id, options.Zone, first.ToString(), last.ToString(), days,
            Cite(factors.Current(), days.Select(d => d.FactorVersion))));
    }

    /// <summary>
    /// <c>GET /api/v1/enterprises/{id}/emissions/today</c>: formulas 1 and 2 (the grid model) from local midnight up to
    /// now, with completeness against the intervals expected so far; computed on request (not stored: the day is written
    /// to <c>carbon_daily</c> after it ends).
    /// </summary>
    internal static async Task<Results<Ok<TodayEmissionsDto>, NotFound<ProblemDetailsDto>>> TodayAsync(
        string id, RegistryStore registry, DailyEstimator estimator, EstimationOptions options, FactorCatalog factors,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.Enterprises().All(e => e.Id != id)) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var now = time.GetUtcNow();
        var today = LocalDay.Of(now, options.TimeZone);
        var estimate = await estimator.ComputeAsync(today, cancellationToken, id, until: now);
        var result = estimate.Results.FirstOrDefault(r => r.Model == EstimationModel.Grid);
        if (result is null)
            return TypedResults.Ok(new TodayEmissionsDto(id, $"{today:yyyy-MM-dd}", now, 0, 0, 0, true, "", new Dictionary<string, FactorDto>()));
        return TypedResults.Ok(new TodayEmissionsDto(id, $"{today:yyyy-MM-dd}", now, result.Kwh, result.Tco2,
            result.Completeness, result.Estimated, result.FactorVersion, Cite(factors.Current(), [result.FactorVersion])));
    }

    /// <summary>
    /// <c>GET /api/v1/enterprises/{id}/emissions/{month|quarter|year}?from=&amp;to=</c> (also <c>monthly</c>,
    /// <c>quarterly</c>, <c>yearly</c>; from/to inclusive as <c>YYYY-MM</c>, <c>YYYY-Qn</c>, <c>YYYY</c>; default the last
    /// 12 months, 4 quarters or 3 years up to the current one): the enterprise's stored roll-ups per period and method,
    /// with days missing, completeness and the consistency check against the meter readings at the period's ends.
    /// 400 for bad periods or too long a range, 404 for an unknown enterprise or period name.
    /// </summary>
    internal static async Task<Results<Ok<EnterpriseRollupsDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> PeriodsAsync(
        string id, string period, string? from, string? to, RegistryStore registry, InfluxQueryClient influx, EstimationOptions options,
        FactorCatalog factors, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!PeriodRange.TryKind(period, [PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year], out var kind))
            return TypedResults.NotFound(ProblemDetailsDto.UnknownPeriod(period, "daily, today, month, quarter or year"));
        if (registry.Enterprises().All(e => e.Id != id)) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var zone = options.TimeZone;
        var errors = new Dictionary<string, string[]>();
        var (first, last) = PeriodRange.Parse(kind, from, to, LocalDay.Of(time.GetUtcNow(), zone), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var rows = await CarbonRollupPoints.QueryAsync(influx, $"level = 'enterprise' AND enterprise = {InfluxQl.Literal(id)}", kind,
            LocalDay.UtcBounds(first.First, zone).Start, LocalDay.UtcBounds(last.Last, zone).End, zone, cancellationToken);
        var dtos = rows.Select(ToDto).ToList();
        return TypedResults.Ok(new EnterpriseRollupsDto(id, options.Zone, WireName.Of(kind), first.ToString(), last.ToString(), dtos,
            Cite(factors.Current(), dtos.SelectMany(d => d.FactorVersions))));
    }

    /// <summary>A stored roll-up as the API shows it.</summary>
    internal static RollupEmissionDto ToDto(CarbonRollup rollup)
    {
        var r = rollup.Row;
        return new RollupEmissionDto(r.Period.ToString(), WireName.Of(r.Model), rollup.Scope, r.Kwh, r.Tco2, r.Completeness, r.Estimated,
            r.Children, r.ChildrenMissing, r.ReferenceKwh, r.ReferenceTco2, r.Consistent, r.FactorVersions);
    }

    /// <summary>The factors behind <paramref name="versions"/> (each possibly <c>;</c>-joined), by version id.</summary>
    internal static Dictionary<string, FactorDto> Cite(FactorLibrary factors, IEnumerable<string> versions)
    {
        var cited = new Dictionary<string, FactorDto>();
        foreach (string version in versions.SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries)).Distinct())
        {
            if (factors.All.FirstOrDefault(f => f.VersionId == version) is not { } f) continue;
            cited[version] = new FactorDto(version, f.Value, f.Unit, f.Region, WireName.Of(f.Status), f.Source.Document, f.Source.Clause, f.Note);
        }
        return cited;
    }
}

/// <summary>An RFC 9457 problem answer for a missing resource.</summary>
internal sealed record ProblemDetailsDto(string Type, string Title, int Status, string Detail)
{
    private const string NotFoundType = "https://tools.ietf.org/html/rfc9110#section-15.5.5";

    public static ProblemDetailsDto UnknownEnterprise(string id) => new(NotFoundType, "Not Found", 404, $"No enterprise '{id}' in the registry.");

    public static ProblemDetailsDto UnknownSite(string id) => new(NotFoundType, "Not Found", 404, $"No site '{id}' in the registry.");

    public static ProblemDetailsDto UnknownPeriod(string name, string known) => new(NotFoundType, "Not Found", 404, $"No emissions series '{name}': use {known}.");

    public static ProblemDetailsDto UnknownRegion(string code, string? industry) => new(NotFoundType, "Not Found", 404,
        industry is null ? $"No enterprise under region {code} in the registry." : $"No enterprise of industry {industry} under region {code} in the registry.");
}
