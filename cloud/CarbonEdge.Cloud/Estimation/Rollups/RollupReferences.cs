using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Rollups;

namespace CarbonEdge.Cloud.Estimation.Rollups;

/// <summary>
/// Independent figures an enterprise's month, quarter or year is checked against (DESIGN.md Estimation, 6: a parent
/// equals the sum of its children within 0.5 %): formula 1 over the whole span of days the enterprise has results for
/// in the period, from each meter's register readings nearest the span's two boundaries only — the difference of a
/// period-start and a period-end meter reading, independent of the daily results. One wrap of a register in the span is
/// unwrapped (a fall from the upper to the lower half of its range); a span whose boundary has no good reading within
/// the boundary window, or whose register fell otherwise (meter replaced), gets no reference. tCO2 references follow for
/// <c>grid</c> and <c>enterprise_factor</c> when one factor served every day of the span.
/// </summary>
internal sealed class RollupReferences(RegistryStore registry, ReadingQuery readings, EstimationOptions options)
{
    /// <summary>The references for every enterprise and model with results in <paramref name="periods"/>.</summary>
    /// <param name="days">The daily results (of every period in <paramref name="periods"/>).</param>
    /// <param name="periods">Months, quarters and years to check.</param>
    /// <param name="factors">Where the factor versions of the results are looked up.</param>
    /// <param name="known">Readings nearest boundaries that were just read for the daily estimate; other boundaries are queried.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <exception cref="InfluxQueryException">Readings could not be read.</exception>
    public async Task<List<RollupReference>> ComputeAsync(IReadOnlyList<EnterpriseDay> days, IReadOnlyList<Period> periods, FactorLibrary factors,
        IReadOnlyList<BoundaryReadings> known, CancellationToken cancellationToken)
    {
        var zone = options.TimeZone;
        var metersOf = registry.Devices().Where(d => d.Device.Kind == DeviceKinds.Meter).ToLookup(d => d.Enterprise.Id, d => d.Device);
        var spans = periods.Where(p => p.Kind != PeriodKind.Day)
            .SelectMany(p => days.Where(d => p.Contains(d.Day) && metersOf.Contains(d.Enterprise.Id))
                .GroupBy(d => (d.Enterprise.Id, d.Model))
                .Select(g => (Period: p, g.Key.Id, g.Key.Model, First: g.Min(d => d.Day), Last: g.Max(d => d.Day), Days: g.ToList())))
            .ToList();
        var boundaries = spans.SelectMany(s => new[] { LocalDay.UtcBounds(s.First, zone).Start, LocalDay.UtcBounds(s.Last, zone).End }).Distinct();
        var window = options.BoundaryWindow;
        var near = new Dictionary<(string Site, string Device), List<RegisterReading>>();
        foreach (var boundary in boundaries)
        {
            IEnumerable<KeyValuePair<(string, string), RegisterReading>> found;
            if (known.FirstOrDefault(k => k.At == boundary) is { } given)
            {
                found = given.Nearest.SelectMany(n => n.Value.Select(r => KeyValuePair.Create(n.Key, r)));
            }
            else
            {
                var before = await readings.LastBeforeAsync(null, boundary, window, cancellationToken).ConfigureAwait(false);
                var after = await readings.FirstFromAsync(null, boundary, window, cancellationToken).ConfigureAwait(false);
                found = before.Concat(after);
            }
            foreach (var (key, reading) in found)
            {
                if (!near.TryGetValue(key, out var list)) near[key] = list = [];
                list.Add(reading);
            }
        }

        var spanOptions = new ElectricityOptions { BoundaryWindow = window, GapFill = GapFillMethod.Linear, RolloverBand = 0.5 };
        var kwhOf = new Dictionary<(string, DateOnly, DateOnly), double?>();
        var references = new List<RollupReference>();
        foreach (var span in spans)
        {
            if (!kwhOf.TryGetValue((span.Id, span.First, span.Last), out var kwh))
            {
                var meterSpans = metersOf[span.Id].Select(m => DailyElectricity.ComputeSpan(
                    new MeterConfig($"{m.Site}/{m.Id}", m.Multiplier, m.RolloverKwh, m.IntervalSeconds),
                    near.GetValueOrDefault((m.Site, m.Id)) ?? [], span.First, span.Last, zone, spanOptions)).ToList();
                kwhOf[(span.Id, span.First, span.Last)] = kwh = meterSpans.Any(m => m.Estimated) ? null : meterSpans.Sum(m => m.Kwh);
            }
            if (kwh is not { } referenceKwh) continue;
            double? tco2 = null;
            if (span.Model is EstimationModel.Grid or EstimationModel.EnterpriseFactor
                && span.Days.Select(d => d.FactorVersion).Distinct().ToList() is [{ } version]
                && factors.All.FirstOrDefault(f => f.VersionId == version) is { } factor)
            {
                tco2 = referenceKwh / 1000 * Units.TonnesCo2PerMwh(factor);
            }
            references.Add(new RollupReference(span.Id, span.Period, span.Model, referenceKwh, tco2));
        }
        return references;
    }
}
