using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Rollups;
using Microsoft.Extensions.Logging;
using EstimationEnterprise = CarbonEdge.Estimation.Models.EnterpriseInfo;

namespace CarbonEdge.Cloud.Estimation.Rollups;

/// <summary>
/// Rebuilds the <c>carbon_rollup</c> rows that (re-)estimated days belong to (DESIGN.md Estimation, 6): each
/// enterprise's month, quarter and year holding a day; the industry (GB/T 4754) and county, city and province
/// (GB/T 2260) rows of the days themselves and of those periods; and the county, city and province rows over one
/// industry at a time. Every parent is summed by the library's <see cref="Rollup"/> from the stored <c>carbon_daily</c>
/// rows of the whole year (so a re-run day and its untouched neighbours roll up together), with the children missing,
/// the completeness and the consistency check against <see cref="RollupReferences"/>. Rows overwrite, never duplicate.
/// </summary>
internal sealed partial class RollupRebuilder(
    RegistryStore registry,
    InfluxQueryClient influx,
    InfluxWriter writer,
    RollupReferences references,
    FactorCatalog factors,
    EstimationOptions options,
    ILogger<RollupRebuilder> logger)
{
    /// <summary>Rebuilds and writes the roll-ups of <paramref name="days"/>; returns the rows written.</summary>
    /// <param name="days">The days (re-)estimated.</param>
    /// <param name="known">Meter readings nearest boundaries already read (by the daily estimate), reused for the references.</param>
    /// <param name="cancellationToken">Cancels reading and writing.</param>
    /// <exception cref="InfluxQueryException">Daily results or readings could not be read.</exception>
    /// <exception cref="InfluxWriteException">Roll-ups could not be written.</exception>
    public async Task<IReadOnlyList<CarbonRollup>> RebuildAsync(IReadOnlyCollection<DateOnly> days, IReadOnlyList<BoundaryReadings> known,
        CancellationToken cancellationToken)
    {
        var zone = options.TimeZone;
        var written = new List<CarbonRollup>();
        foreach (var year in days.Distinct().GroupBy(d => d.Year).OrderBy(g => g.Key))
        {
            var rebuilt = year.ToHashSet();
            var periods = LateData.AffectedPeriods(rebuilt).ToHashSet();
            var (from, to) = (LocalDay.UtcBounds(new DateOnly(year.Key, 1, 1), zone).Start, LocalDay.UtcBounds(new DateOnly(year.Key, 12, 31), zone).End);
            var leaves = new List<EnterpriseDay>();
            string query = $"SELECT {CarbonDailyPoints.Fields} FROM {CarbonDailyPoints.Measurement} " +
                           $"WHERE time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY {CarbonDailyPoints.Tags}";
            await foreach (var part in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
                leaves.AddRange(CarbonDailyPoints.Read(part, zone));
            if (leaves.Count == 0) continue;

            var library = factors.Current();
            var checks = await references.ComputeAsync(leaves, [.. periods], library, known, cancellationToken).ConfigureAwait(false);
            var enterprises = registry.Enterprises().Select(e => new EstimationEnterprise(e.Id, e.Region, e.Industry)).ToList();
            var scopes = leaves.GroupBy(l => l.Model).ToDictionary(g => g.Key, g => g.First().Scope);
            bool Wanted(RollupRow r) => r.Period.Kind == PeriodKind.Day ? rebuilt.Contains(r.Period.First) : periods.Contains(r.Period);

            var rows = Rollup.Build(enterprises, leaves, checks).Where(Wanted).Select(r => new CarbonRollup(r, scopes[r.Model], null)).ToList();
            var industryOf = enterprises.ToDictionary(e => e.Id, e => e.Industry);
            foreach (var industry in leaves.GroupBy(l => industryOf.GetValueOrDefault(l.Enterprise.Id, l.Enterprise.Industry)))
            {
                var members = enterprises.Where(e => e.Industry == industry.Key).ToList();
                rows.AddRange(Rollup.Build(members, industry, checks)
                    .Where(r => r.Level is RollupLevel.County or RollupLevel.City or RollupLevel.Province && Wanted(r))
                    .Select(r => new CarbonRollup(r, scopes[r.Model], industry.Key)));
            }
            var result = await writer.WriteAsync(rows.Select(r => CarbonRollupPoints.From(r, zone)).ToList(), cancellationToken).ConfigureAwait(false);
            if (result.Rejected.Count > 0)
                throw new InfluxWriteException($"InfluxDB refused {result.Rejected.Count} carbon_rollup points: {result.Rejected[0].Error}", transient: false);
            int inconsistent = rows.Count(r => !r.Row.Consistent);
            LogRebuilt(logger, rows.Count, string.Join(", ", periods.Where(p => p.Kind != PeriodKind.Day).OrderBy(p => p.Kind).Select(p => p.ToString())),
                rebuilt.Count, checks.Count, inconsistent);
            foreach (var r in rows.Where(r => !r.Row.Consistent && r.Row.Level == RollupLevel.Enterprise))
                LogInconsistent(logger, r.Row.Key, r.Row.Period.ToString(), WireName.Of(r.Row.Model), r.Row.Kwh, r.Row.ReferenceKwh ?? double.NaN, r.Row.Tco2, r.Row.ReferenceTco2 ?? double.NaN);
            written.AddRange(rows);
        }
        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roll-ups rebuilt: {Rows} carbon_rollup rows for {Periods} and {Days} day(s), {References} reference figures, {Inconsistent} inconsistent")]
    static partial void LogRebuilt(ILogger logger, int rows, string periods, int days, int references, int inconsistent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roll-up {Key} {Period} {Method} differs from its reference by more than 0.5 %: sum {Kwh:F3} kWh vs {ReferenceKwh:F3} kWh, {Tco2:F6} tCO2 vs {ReferenceTco2:F6} tCO2")]
    static partial void LogInconsistent(ILogger logger, string key, string period, string method, double kwh, double referenceKwh, double tco2, double referenceTco2);
}
