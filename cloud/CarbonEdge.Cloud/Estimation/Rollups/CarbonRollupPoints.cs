using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Rollups;

namespace CarbonEdge.Cloud.Estimation.Rollups;

/// <summary>One <c>carbon_rollup</c> row: a roll-up of the library, the scope of its model, and for a region row limited to one industry that industry.</summary>
/// <param name="Row">The roll-up (key, level, period, model, sums, completeness, children, reference, consistency, factor versions).</param>
/// <param name="Scope"><c>1</c>, <c>2</c> or <c>1+2</c>, as the daily results of its model.</param>
/// <param name="Industry">For a county, city or province row over the enterprises of one GB/T 4754 industry only, that code; null otherwise.</param>
internal sealed record CarbonRollup(RollupRow Row, string Scope, string? Industry);

/// <summary>
/// Maps roll-ups to <c>carbon_rollup</c> points and back (DESIGN.md "InfluxDB schema"). Tags: <c>level</c>
/// (enterprise, industry, county, city, province), <c>period</c> (day, month, quarter, year), <c>method</c>,
/// <c>scope</c>, and the parent: <c>enterprise</c>, <c>industry</c> or <c>region</c> (GB/T 2260), a region row over one
/// industry carrying both <c>region</c> and <c>industry</c>. Fields: the <c>carbon_daily</c> ones (tco2, kwh,
/// completeness, factor_version, estimated) plus consistent, children, children_missing, checked and the reference
/// figures. Time = local midnight of the period's first day. The same parent, period, model and start overwrite.
/// </summary>
/// <remarks>
/// InfluxDB keeps a field of an earlier write at the same series and time when a later write leaves it out, so the
/// reference fields are read only when <c>checked</c> (always written: <c>kwh</c>, <c>kwh,tco2</c> or empty) names them.
/// </remarks>
internal static class CarbonRollupPoints
{
    public const string Measurement = "carbon_rollup";

    /// <summary>The fields, in the order <see cref="Read"/> expects them after <c>time</c>.</summary>
    public const string Fields = "kwh, tco2, completeness, estimated, factor_version, consistent, children, children_missing, \"checked\", reference_kwh, reference_tco2";

    private const string IndustryPrefix = "industry:", RegionPrefix = "region:";

    private static readonly Dictionary<string, EstimationModel> Models =
        Enum.GetValues<EstimationModel>().ToDictionary(m => WireName.Of(m), StringComparer.Ordinal);

    private static readonly Dictionary<string, RollupLevel> Levels =
        Enum.GetValues<RollupLevel>().ToDictionary(l => WireName.Of(l), StringComparer.Ordinal);

    public static LinePoint From(CarbonRollup rollup, TimeZoneInfo zone)
    {
        var row = rollup.Row;
        var tags = new List<KeyValuePair<string, string>>(6)
        {
            new("level", WireName.Of(row.Level)), new("period", WireName.Of(row.Period.Kind)), new("method", WireName.Of(row.Model)), new("scope", rollup.Scope),
        };
        if (row.Key.StartsWith(IndustryPrefix, StringComparison.Ordinal)) tags.Add(new("industry", row.Key[IndustryPrefix.Length..]));
        else if (row.Key.StartsWith(RegionPrefix, StringComparison.Ordinal)) tags.Add(new("region", row.Key[RegionPrefix.Length..]));
        else tags.Add(new("enterprise", row.Key));
        if (rollup.Industry is { } industry) tags.Add(new("industry", industry));
        var fields = new List<KeyValuePair<string, object>>(11)
        {
            new("tco2", row.Tco2), new("kwh", row.Kwh), new("completeness", row.Completeness), new("estimated", row.Estimated),
            new("factor_version", string.Join(';', row.FactorVersions)), new("consistent", row.Consistent),
            new("children", (long)row.Children), new("children_missing", (long)row.ChildrenMissing),
            new("checked", string.Join(',', new[] { row.ReferenceKwh is null ? null : "kwh", row.ReferenceTco2 is null ? null : "tco2" }.OfType<string>())),
        };
        if (row.ReferenceKwh is { } rk) fields.Add(new("reference_kwh", rk));
        if (row.ReferenceTco2 is { } rt) fields.Add(new("reference_tco2", rt));
        return new LinePoint(Measurement, tags, fields, LocalDay.UtcBounds(row.Period.First, zone).Start.ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// The stored rows of one period kind matching <paramref name="filter"/> (InfluxQL conditions on the tags, e.g.
    /// <c>level = 'enterprise' AND enterprise = 'ent-1'</c>) whose periods start in [<paramref name="from"/>, <paramref name="to"/>),
    /// by period start then model.
    /// </summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public static async Task<List<CarbonRollup>> QueryAsync(InfluxQueryClient influx, string filter, PeriodKind kind, DateTimeOffset from, DateTimeOffset to,
        TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        string query = $"SELECT {Fields} FROM {Measurement} WHERE {filter} AND period = {InfluxQl.Literal(WireName.Of(kind))} " +
                       $"AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY level, enterprise, industry, region, method, scope";
        var rows = new List<CarbonRollup>();
        await foreach (var part in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false)) rows.AddRange(Read(part, kind, zone));
        rows.Sort((a, b) => a.Row.Period.First != b.Row.Period.First ? a.Row.Period.First.CompareTo(b.Row.Period.First) : a.Row.Model.CompareTo(b.Row.Model));
        return rows;
    }

    /// <summary>
    /// The rows of one series of <c>SELECT {Fields} FROM carbon_rollup WHERE period = ... GROUP BY level, enterprise,
    /// industry, region, method, scope</c>; rows of an unknown level or method are skipped.
    /// </summary>
    public static IEnumerable<CarbonRollup> Read(InfluxSeries series, PeriodKind kind, TimeZoneInfo zone)
    {
        var tags = series.Tags;
        if (!Models.TryGetValue(tags.GetValueOrDefault("method", ""), out var model) || !Levels.TryGetValue(tags.GetValueOrDefault("level", ""), out var level)) yield break;
        string industry = tags.GetValueOrDefault("industry", ""), region = tags.GetValueOrDefault("region", "");
        string key = level switch
        {
            RollupLevel.Enterprise => tags.GetValueOrDefault("enterprise", ""),
            RollupLevel.Industry => IndustryPrefix + industry,
            _ => RegionPrefix + region,
        };
        string? industryFilter = level is RollupLevel.County or RollupLevel.City or RollupLevel.Province && industry.Length > 0 ? industry : null;
        foreach (var row in series.Values)
        {
            var day = LocalDay.Of(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), zone);
            var checkedFigures = (row[9] as string ?? "").Split(',');
            yield return new CarbonRollup(new RollupRow(key, level, Period.Of(kind, day), model,
                row[1] as double? ?? 0, row[2] as double? ?? 0, row[3] as double? ?? 0, row[4] as bool? ?? true,
                (int)(row[7] as double? ?? 0), (int)(row[8] as double? ?? 0),
                checkedFigures.Contains("kwh") ? row[10] as double? : null, checkedFigures.Contains("tco2") ? row[11] as double? : null,
                row[6] as bool? ?? false, (row[5] as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)),
                tags.GetValueOrDefault("scope", ""), industryFilter);
        }
    }
}
