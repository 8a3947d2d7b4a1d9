using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Api;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CarbonEdge.Cloud.Regional;

/// <summary>
/// The region endpoints (T/CES carbon statistics §5–§7), in one group under <c>/api/v1/regions</c> so that an access
/// policy can be attached in one place:
/// <list type="bullet">
/// <item><c>POST statistics</c>, <c>POST electricity</c> (body: the CSV file, <c>?allOrNothing=true</c>): import, then
/// recompute the provinces and years the lines touch;</item>
/// <item><c>GET {code}/domains/{domain}/emissions/{day|month|quarter|year}?from=&amp;to=&amp;industry=</c>: stored <c>carbon_region</c> rows;</item>
/// <item><c>GET {code}/indicators</c>: Table 1 indicators, failed checks, missing inputs of the latest run;</item>
/// <item><c>GET {code}/breakdown?period=YYYY|YYYY-Qn|YYYY-MM</c>: the period by domain and industry;</item>
/// <item><c>GET {code}/enterprises/ranking?from=&amp;to=</c>: the metered enterprises under the region by tCO2 and intensity.</item>
/// </list>
/// </summary>
internal static class RegionalEndpoints
{
    /// <summary>Largest statistics or electricity CSV the import takes over the API, bytes (a province-year of days is about 10 MB).</summary>
    public const long MaxImportBytes = 64L * 1024 * 1024;

    /// <summary>Maps the group under <paramref name="api"/>: imports for admins, reads within the caller's region scope.</summary>
    public static RouteGroupBuilder MapRegional(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/regions").RequireAdmin().WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes)).WithTags("Regional");
        imports.MapPost("/statistics", (HttpRequest request, bool? allOrNothing, RegionalRunner runner, FactorLibrary factors, CancellationToken ct) =>
            ImportAsync(request, "statistics", allOrNothing ?? false, runner, factors, ct));
        imports.MapPost("/electricity", (HttpRequest request, bool? allOrNothing, RegionalRunner runner, FactorLibrary factors, CancellationToken ct) =>
            ImportAsync(request, "electricity", allOrNothing ?? false, runner, factors, ct));
        var group = api.MapGroup("/regions").RequireScopedRead().WithTags("Regional");
        group.MapGet("/{code}/domains/{domain}/emissions/{period}", EmissionsAsync).AllowPublicDisclosure();
        group.MapGet("/{code}/indicators", Indicators);
        group.MapGet("/{code}/breakdown", BreakdownAsync);
        group.MapGet("/{code}/enterprises/ranking", RankingAsync);
        return api;
    }

    private static async Task<Results<Ok<RegionalImportDto>, BadRequest<RegionalImportDto>, ValidationProblem>> ImportAsync(HttpRequest request, string kind,
        bool allOrNothing, RegionalRunner runner, FactorLibrary factors, CancellationToken cancellationToken)
    {
        string text;
        using (var reader = new StreamReader(request.Body))
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        RegionalImport import;
        try
        {
            Func<IReadOnlyList<string>, List<CsvIssue>, CsvTable> open = (header, issues) => CsvTable.OpenText(kind, text, header, issues);
            import = kind == "statistics" ? RegionalCsv.Read(open, null, factors, allOrNothing) : RegionalCsv.Read(null, open, factors, allOrNothing);
        }
        catch (CsvFileException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [ex.Message] });
        }
        var rejected = import.Issues.Select(i => new RejectedLineDto(i.File, i.Line, i.Column, i.ColumnName, i.Message)).ToList();
        var recomputed = await runner.ImportAsync(import, cancellationToken).ConfigureAwait(false);
        if (!import.Imported)
        {
            return TypedResults.BadRequest(new RegionalImportDto(import.Rows, 0, false, rejected, []));
        }
        return TypedResults.Ok(new RegionalImportDto(import.Rows, import.Statistics.Count + import.Electricity.Count, true, rejected, recomputed));
    }

    private static async Task<Results<Ok<RegionDomainEmissionsDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> EmissionsAsync(
        string code, string domain, string period, string? from, string? to, string? industry, InfluxQueryClient influx, EstimationOptions options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var kinds = new Dictionary<string, PeriodKind>(StringComparer.Ordinal) { ["day"] = PeriodKind.Day, ["month"] = PeriodKind.Month, ["quarter"] = PeriodKind.Quarter, ["year"] = PeriodKind.Year };
        if (!kinds.TryGetValue(period, out var kind))
        {
            return TypedResults.NotFound(ProblemDetailsDto.UnknownPeriod(period, "day, month, quarter or year"));
        }
        var errors = new Dictionary<string, string[]>();
        if (!RegionCode.TryParse(code, out var region)) errors["code"] = [$"'{code}' is not a GB/T 2260 six-digit region code (e.g. 320581 county, 320500 city, 320000 province)"];
        if (!RegionalDomains.TryParse(domain, out var regionalDomain)) errors["domain"] = [$"'{domain}' is not a domain ({string.Join(", ", RegionalDomains.All.Select(WireName.Of))})"];
        if (industry is not null && !Registry.RegistryStore.IsIndustryCode(industry)) errors["industry"] = [$"'{industry}' is not a GB/T 4754 industry code (a section letter or 2-4 digits)"];
        var zone = options.TimeZone;
        var (first, last) = PeriodRange.Parse(kind, from, to, LocalDay.Of(time.GetUtcNow(), zone), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var key = new SeriesKey(region, regionalDomain, industry ?? "");
        var rows = await CarbonRegionPoints.QueryAsync(influx, key, kind, LocalDay.UtcBounds(first.First, zone).Start, LocalDay.UtcBounds(last.Last, zone).End, zone,
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RegionDomainEmissionsDto(code, region.Level.ToString().ToLowerInvariant(), domain, industry, options.Zone, period, first.ToString(), last.ToString(),
            [.. rows.Select(r => new RegionPeriodDto(r.Period.ToString(), r.Period.First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Tco2, r.Tce,
                r.Kwh, r.Method, r.Completeness, r.Consistent, r.FactorVersions))]));
    }

    private static Results<Ok<RegionIndicatorsDto>, ValidationProblem, NotFound<ProblemDetailsDto>> Indicators(string code, RegionalRunner runner)
    {
        if (!RegionCode.TryParse(code, out var region))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [$"'{code}' is not a GB/T 2260 six-digit region code"] });
        }
        if (runner.Latest(region) is not { } latest)
        {
            return TypedResults.NotFound(new ProblemDetailsDto("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found", 404, $"No region run for province {region.Province} since the service started: POST /api/v1/regions/statistics or /electricity."));
        }
        bool Under(SeriesKey k) => k.Region == region || k.Region.Ancestors().Contains(region);
        var checks = latest.Run.Checks.Where(c => c.Kind != "fluctuation" && Under(c.Key)).ToList();
        return TypedResults.Ok(new RegionIndicatorsDto(code, latest.Province.Value, latest.RanAt, $"{latest.From:yyyy-MM-dd}", $"{latest.To:yyyy-MM-dd}",
            [.. latest.Indicators.Select(i => new IndicatorDto(i.Name, i.Value, i.Numerator, i.Denominator, i.Target, i.AtLeast ? ">=" : "<=", i.Met))],
            checks.Count, checks.Count(c => !c.Passed),
            [.. checks.Where(c => !c.Passed).Take(100).Select(c => new CheckDto(c.Kind, c.Key.Region.Value, WireName.Of(c.Key.Domain), c.Key.Industry, c.Period.ToString(),
                c.Value, c.Reference, c.Difference, c.Completeness))],
            [.. latest.Run.Missing.Take(100)],
            [.. latest.Run.Anomalies.Where(a => Under(a.Key)).Take(100).Select(a => $"{a.Key} {a.Day:yyyy-MM-dd}: {a.Tco2:G6} tCO2 (median {a.Median:G6}, z {a.Score:F1})")],
            [.. latest.Run.Interpolations.Where(i => Under(i.Key)).Take(100).Select(i => $"{i.Key}: {i.Days.Count} day(s) linear, stated error {i.ErrorEstimate:P2}")]));
    }

    private static async Task<Results<Ok<RegionBreakdownDto>, ValidationProblem>> BreakdownAsync(string code, string? period, InfluxQueryClient influx, EstimationOptions options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var zone = options.TimeZone;
        var errors = new Dictionary<string, string[]>();
        if (!RegionCode.TryParse(code, out var region)) errors["code"] = [$"'{code}' is not a GB/T 2260 six-digit region code"];
        var y = period is null ? Period.Of(PeriodKind.Year, LocalDay.Of(time.GetUtcNow(), zone)) : Period.TryParse(period, out var p) && p.Kind != PeriodKind.Day ? p : (Period?)null;
        if (y is null) errors["period"] = [$"'{period}' is not a year YYYY, quarter YYYY-Qn or month YYYY-MM"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var start = LocalDay.UtcBounds(y!.Value.First, zone).Start;
        string query = $"SELECT tco2, tce, consistent FROM {CarbonRegionPoints.Measurement} WHERE region = {InfluxQl.Literal(code)} AND period = {InfluxQl.Literal(WireName.Of(y!.Value.Kind))} " +
                       $"AND time = {InfluxQl.Time(start)} GROUP BY domain, industry";
        var rows = new List<RegionBreakdownRowDto>();
        await foreach (var series in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var industry = series.Tags.GetValueOrDefault("industry", "");
            foreach (var v in series.Values)
            {
                rows.Add(new RegionBreakdownRowDto(series.Tags.GetValueOrDefault("domain", ""), industry.Length == 0 ? null : industry, v[1] as double? ?? 0, v[2] as double? ?? 0, v[3] as bool? ?? false));
            }
        }
        return TypedResults.Ok(new RegionBreakdownDto(code, region.Level.ToString().ToLowerInvariant(), y.Value.ToString(),
            [.. rows.OrderBy(r => r.Domain, StringComparer.Ordinal).ThenBy(r => r.Industry, StringComparer.Ordinal)]));
    }

    private static async Task<Results<Ok<EnterpriseRankingDto>, ValidationProblem>> RankingAsync(string code, string? from, string? to, InfluxQueryClient influx,
        EstimationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var zone = options.TimeZone;
        var errors = new Dictionary<string, string[]>();
        if (!RegionCode.TryParse(code, out var region)) errors["code"] = [$"'{code}' is not a GB/T 2260 six-digit region code"];
        var (first, last) = PeriodRange.Parse(PeriodKind.Day, from, to, LocalDay.Of(time.GetUtcNow(), zone), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var prefix = region.Level switch { RegionLevel.Province => code[..2], RegionLevel.City => code[..4], _ => code };
        string query = $"SELECT sum(tco2), sum(kwh) FROM carbon_daily WHERE method = 'grid' AND region =~ /^{prefix}/ AND time >= {InfluxQl.Time(LocalDay.UtcBounds(first.First, zone).Start)} " +
                       $"AND time < {InfluxQl.Time(LocalDay.UtcBounds(last.Last, zone).End)} GROUP BY enterprise, region, industry";
        var ranks = new List<EnterpriseRankDto>();
        await foreach (var series in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
        {
            foreach (var v in series.Values)
            {
                double tco2 = v[1] as double? ?? 0, mwh = (v[2] as double? ?? 0) / 1000;
                ranks.Add(new EnterpriseRankDto(series.Tags.GetValueOrDefault("enterprise", ""), series.Tags.GetValueOrDefault("region", ""),
                    series.Tags.GetValueOrDefault("industry", ""), tco2, mwh, mwh > 0 ? tco2 / mwh : null));
            }
        }
        return TypedResults.Ok(new EnterpriseRankingDto(code, first.ToString(), last.ToString(), [.. ranks.OrderByDescending(r => r.Tco2)]));
    }
}
