using System.Globalization;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>Daily emissions (stored <c>carbon_daily</c>) and today so far, per enterprise.</summary>
internal static class EmissionsEndpoints
{
    private const int MaxDays = 366;

    public static RouteGroupBuilder MapEmissions(this RouteGroupBuilder api)
    {
        api.MapGet("/enterprises/{id}/emissions/daily", DailyAsync);
        api.MapGet("/enterprises/{id}/emissions/today", TodayAsync);
        return api;
    }

    /// <summary>
    /// <c>GET /api/v1/enterprises/{id}/emissions/daily?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> (inclusive local days;
    /// default the last 7 days before today): kWh, tCO2, completeness, estimated and factor version per day and method,
    /// with the factors cited. 400 for bad dates or a range over 366 days, 404 for an unknown enterprise.
    /// </summary>
    internal static async Task<Results<Ok<DailyEmissionsDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> DailyAsync(
        string id, string? from, string? to, RegistryStore registry, InfluxQueryClient influx, EstimationOptions options,
        FactorLibrary factors, TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.Enterprises().All(e => e.Id != id)) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var zone = options.TimeZone;
        var today = LocalDay.Of(time.GetUtcNow(), zone);
        var errors = new Dictionary<string, string[]>();
        DateOnly? last = ParseDay(to, "to", errors) ?? today.AddDays(-1);
        DateOnly? first = ParseDay(from, "from", errors) ?? last.Value.AddDays(-6);
        if (errors.Count == 0 && first > last) errors["from"] = [$"from {first:yyyy-MM-dd} is after to {last:yyyy-MM-dd}"];
        if (errors.Count == 0 && last.Value.DayNumber - first.Value.DayNumber + 1 > MaxDays) errors["to"] = [$"at most {MaxDays} days per request"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var start = LocalDay.UtcBounds(first!.Value, zone).Start;
        var end = LocalDay.UtcBounds(last.Value, zone).End;
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
        return TypedResults.Ok(new DailyEmissionsDto(id, options.Zone, $"{first:yyyy-MM-dd}", $"{last:yyyy-MM-dd}", days,
            Cite(factors, days.Select(d => d.FactorVersion))));
    }

    /// <summary>
    /// <c>GET /api/v1/enterprises/{id}/emissions/today</c>: formula 1 and 2 from local midnight up to the latest readings,
    /// computed on request (not stored: the day is written to <c>carbon_daily</c> after it ends).
    /// </summary>
    internal static async Task<Results<Ok<TodayEmissionsDto>, NotFound<ProblemDetailsDto>>> TodayAsync(
        string id, RegistryStore registry, DailyEstimator estimator, EstimationOptions options, FactorLibrary factors,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.Enterprises().All(e => e.Id != id)) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var now = time.GetUtcNow();
        var today = LocalDay.Of(now, options.TimeZone);
        var result = (await estimator.ComputeAsync(today, cancellationToken, id)).SingleOrDefault();
        if (result is null)
            return TypedResults.Ok(new TodayEmissionsDto(id, $"{today:yyyy-MM-dd}", now, 0, 0, 0, true, "", new Dictionary<string, FactorDto>()));
        // Completeness of the day so far: the intervals expected up to now, not those of the whole day.
        var (start, end) = LocalDay.UtcBounds(today, options.TimeZone);
        double elapsed = Math.Clamp((now - start) / (end - start), 1e-9, 1);
        return TypedResults.Ok(new TodayEmissionsDto(id, $"{today:yyyy-MM-dd}", now, result.Kwh, result.Tco2,
            Math.Min(1, result.Completeness / elapsed), result.Estimated, result.FactorVersion, Cite(factors, [result.FactorVersion])));
    }

    private static DateOnly? ParseDay(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[name] = [$"'{text}' is not a date of the form YYYY-MM-DD"];
        return null;
    }

    private static Dictionary<string, FactorDto> Cite(FactorLibrary factors, IEnumerable<string> versions)
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
    public static ProblemDetailsDto UnknownEnterprise(string id) =>
        new("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found", 404, $"No enterprise '{id}' in the registry.");

    public static ProblemDetailsDto UnknownSite(string id) =>
        new("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found", 404, $"No site '{id}' in the registry.");
}
