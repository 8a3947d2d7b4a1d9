using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Rollups;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>Regional roll-ups for the regional carbon platform (stored <c>carbon_rollup</c>, GB/T 2260 county, city or province).</summary>
internal static class RegionEmissionsEndpoints
{
    /// <summary>
    /// <c>GET /api/v1/regions/{code}/emissions/{daily|monthly|quarterly|yearly}?from=&amp;to=&amp;industry=</c>: the roll-up
    /// of every registered enterprise under a GB/T 2260 code (six digits: <c>xx0000</c> province, <c>xxxx00</c> city,
    /// otherwise county), or only those of one GB/T 4754 industry, per period and method: kWh, tCO2, completeness,
    /// enterprises (or counties, cities) present and missing, and the consistency check. from/to as the period is
    /// written (<c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY-Qn</c>, <c>YYYY</c>). 400 for a malformed code, industry or
    /// period or too long a range; 404 for a region (or industry in it) without registered enterprises or an unknown period name.
    /// </summary>
    internal static async Task<Results<Ok<RegionRollupsDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> PeriodsAsync(
        string code, string period, string? from, string? to, string? industry, RegistryStore registry, InfluxQueryClient influx,
        EstimationOptions options, FactorCatalog factors, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!PeriodRange.TryKind(period, [PeriodKind.Day, PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year], out var kind))
            return TypedResults.NotFound(ProblemDetailsDto.UnknownPeriod(period, "daily, monthly, quarterly or yearly"));
        var errors = new Dictionary<string, string[]>();
        if (!RegionCode.TryParse(code, out var region)) errors["code"] = [$"'{code}' is not a GB/T 2260 six-digit region code (e.g. 320583 county, 320500 city, 320000 province)"];
        if (industry is not null && !RegistryStore.IsIndustryCode(industry)) errors["industry"] = [$"'{industry}' is not a GB/T 4754 industry code (a section letter or 2-4 digits)"];
        var zone = options.TimeZone;
        var (first, last) = PeriodRange.Parse(kind, from, to, LocalDay.Of(time.GetUtcNow(), zone), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        int enterprises = registry.Enterprises().Count(e => (industry is null || e.Industry == industry)
            && RegionCode.TryParse(e.Region, out var c) && c.Ancestors().Prepend(c).Contains(region));
        if (enterprises == 0) return TypedResults.NotFound(ProblemDetailsDto.UnknownRegion(code, industry));

        string level = WireName.Of(region.Level);
        var rows = await CarbonRollupPoints.QueryAsync(influx,
            $"level = {InfluxQl.Literal(level)} AND region = {InfluxQl.Literal(code)} AND industry = {InfluxQl.Literal(industry ?? "")}", kind,
            LocalDay.UtcBounds(first.First, zone).Start, LocalDay.UtcBounds(last.Last, zone).End, zone, cancellationToken);
        var dtos = rows.Select(EmissionsEndpoints.ToDto).ToList();
        return TypedResults.Ok(new RegionRollupsDto(code, level, industry, enterprises, options.Zone, WireName.Of(kind), first.ToString(), last.ToString(),
            dtos, EmissionsEndpoints.Cite(factors.Current(), dtos.SelectMany(d => d.FactorVersions))));
    }
}
