using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Regional;

namespace CarbonEdge.Cloud.Regional;

/// <summary>One stored <c>carbon_region</c> row as the API serves it.</summary>
/// <param name="Period">The period.</param>
/// <param name="Tco2">tCO2.</param>
/// <param name="Tce">tce.</param>
/// <param name="Kwh">kWh of the series over the period, or null.</param>
/// <param name="Method">How it was made (<see cref="RegionalMethods"/>).</param>
/// <param name="Completeness">Share of expected children present.</param>
/// <param name="Consistent">Every roll-up check passed.</param>
/// <param name="FactorVersions">Factor versions used.</param>
internal sealed record StoredRegionRow(Period Period, double Tco2, double Tce, double? Kwh, string Method, double Completeness, bool Consistent, IReadOnlyList<string> FactorVersions);

/// <summary>
/// Maps region results to <c>carbon_region</c> points and back. Tags: <c>region</c> (GB/T 2260), <c>level</c>
/// (province, city, county), <c>domain</c>, <c>industry</c> (GB/T 4754; absent for the whole domain), <c>period</c>
/// (day, month, quarter, year), <c>method</c>. Fields: tco2, tce, kwh (when known), completeness, consistent,
/// factor_version (<c>;</c>-joined), inputs (<c>|</c>-joined; months, quarters and years). Time = local midnight of the period's first day; a
/// recomputation overwrites the same series and time.
/// </summary>
internal static class CarbonRegionPoints
{
    public const string Measurement = "carbon_region";

    public static LinePoint From(RegionalResult r, TimeZoneInfo zone)
    {
        var tags = new List<KeyValuePair<string, string>>(6)
        {
            new("region", r.Key.Region.Value), new("level", r.Level.ToString().ToLowerInvariant()), new("domain", WireName.Of(r.Key.Domain)),
            new("period", WireName.Of(r.Period.Kind)),
        };
        if (r.Key.Industry.Length > 0) tags.Add(new("industry", r.Key.Industry));
        var fields = new List<KeyValuePair<string, object>>(8)
        {
            new("tco2", r.Tco2), new("tce", r.Tce), new("completeness", r.Completeness), new("consistent", r.Consistent),
            new("method", r.Method), new("factor_version", string.Join(';', r.FactorVersions)),
        };
        if (r.Period.Kind != PeriodKind.Day) fields.Add(new("inputs", string.Join('|', r.Inputs.Take(50))));   // a day's input is its month's share: not repeated 365 times
        if (r.Kwh is { } kwh) fields.Add(new("kwh", kwh));
        return new LinePoint(Measurement, tags, fields, LocalDay.UtcBounds(r.Period.First, zone).Start.ToUnixTimeMilliseconds());
    }

    /// <summary>The stored rows of one series and period kind whose periods start in [<paramref name="from"/>, <paramref name="to"/>), in order.</summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public static async Task<List<StoredRegionRow>> QueryAsync(InfluxQueryClient influx, SeriesKey key, PeriodKind kind, DateTimeOffset from, DateTimeOffset to,
        TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        string query = $"SELECT tco2, tce, kwh, method, completeness, consistent, factor_version FROM {Measurement} WHERE region = {InfluxQl.Literal(key.Region.Value)} " +
                       $"AND domain = {InfluxQl.Literal(WireName.Of(key.Domain))} AND industry = {InfluxQl.Literal(key.Industry)} AND period = {InfluxQl.Literal(WireName.Of(kind))} " +
                       $"AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)}";
        var rows = new List<StoredRegionRow>();
        await foreach (var series in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
        {
            foreach (var v in series.Values)
            {
                var day = LocalDay.Of(DateTimeOffset.FromUnixTimeMilliseconds((long)v[0]!), zone);
                rows.Add(new StoredRegionRow(Period.Of(kind, day), v[1] as double? ?? 0, v[2] as double? ?? 0, v[3] as double?, v[4] as string ?? "",
                    v[5] as double? ?? 0, v[6] as bool? ?? false, (v[7] as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)));
            }
        }
        rows.Sort((a, b) => a.Period.First.CompareTo(b.Period.First));
        return rows;
    }
}
