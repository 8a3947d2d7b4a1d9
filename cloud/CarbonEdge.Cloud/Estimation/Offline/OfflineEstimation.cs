using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Cems;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Pipeline;
using CarbonEdge.Estimation.Rollups;

namespace CarbonEdge.Cloud.Estimation.Offline;

/// <summary>What an offline run is asked for.</summary>
/// <param name="From">First local day.</param>
/// <param name="To">Last local day, inclusive.</param>
/// <param name="Zone">Time zone of the days.</param>
/// <param name="GridFactor">EF_grid override, tCO2/MWh (<c>--grid-factor</c>).</param>
/// <param name="TceFactor">EF_tce override, tCO2/tce (<c>--tce-factor</c>).</param>
/// <param name="Rollup">Build the roll-ups (<c>--rollup</c>).</param>
/// <param name="GridCalibre">Grid factor series (<c>--grid-calibre</c>, default the service's default <c>ets_reporting</c>).</param>
internal sealed record OfflineRequest(DateOnly From, DateOnly To, TimeZoneInfo Zone, double? GridFactor, double? TceFactor, bool Rollup,
    string GridCalibre = GridCalibre.EtsReporting);

/// <summary>The results of an offline run.</summary>
/// <param name="Days">One row per enterprise, day and model, ordered by day, enterprise, model.</param>
/// <param name="Rollups">Roll-up rows when asked for.</param>
/// <param name="Notices">What could not be estimated and why (one line each).</param>
/// <param name="FactorsUsed">Every factor a result used.</param>
internal sealed record OfflineResult(IReadOnlyList<EnterpriseDay> Days, IReadOnlyList<RollupRow>? Rollups, IReadOnlyList<string> Notices,
    IReadOnlyList<Factor> FactorsUsed);

/// <summary>
/// Runs the estimation library over files, as <c>cedge-cloud estimate --readings ...</c> does: formula 1 per meter,
/// then per enterprise and day the models the inputs allow — <c>grid</c> (every enterprise with electricity meters),
/// <c>energy_ratio</c> (with last month's report), <c>enterprise_factor</c> (with a verified annual figure),
/// <c>cems</c> (with CEMS readings) — and optionally the roll-ups, checked against the register over each period.
/// </summary>
internal static class OfflineEstimation
{
    public static OfflineResult Run(FactorLibrary factors, IReadOnlyList<MeterEntry> meters, ReadingsFile readings,
        IReadOnlyList<MonthlyEnergyReport> reports, OfflineRequest request)
    {
        var notices = new List<string>();
        var enterprises = meters.Select(m => m.Enterprise).DistinctBy(e => e.Id).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var listed = meters.Select(m => m.Meter.DeviceId).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in readings.Registers.Keys.Concat(readings.Cems.Keys).Distinct().Where(d => !listed.Contains(d)).Order())
        {
            notices.Add($"device {unknown} has readings but is not in the meters file: its readings are not used");
        }
        var library = WithEnterpriseFactors(factors, enterprises, reports, notices);
        var reportOf = reports.ToDictionary(r => (r.EnterpriseId, r.Month));
        var gridOverride = request.GridFactor is { } g ? Factor.Override(FactorKind.GridEmission, "electricity", g, "tCO2/MWh", "command line --grid-factor") : null;
        var tceOverride = request.TceFactor is { } t ? Factor.Override(FactorKind.StandardCoalCo2, "standard_coal", t, "tCO2/tce", "command line --tce-factor") : null;

        var isCems = meters.Where(m => readings.Cems.ContainsKey(m.Meter.DeviceId) && !readings.Registers.ContainsKey(m.Meter.DeviceId))
            .Select(m => m.Meter.DeviceId).ToHashSet(StringComparer.Ordinal);
        var meterDays = meters.Where(m => !isCems.Contains(m.Meter.DeviceId)).ToDictionary(m => m.Meter.DeviceId, m =>
            DailyElectricity.ComputeDays(m.Meter, readings.Registers.GetValueOrDefault(m.Meter.DeviceId) ?? [], request.From, request.To, request.Zone));

        var settings = new PipelineSettings(library, request.GridCalibre, gridOverride, tceOverride);
        var results = new List<EnterpriseDay>();
        var used = new Dictionary<(string, EstimationModel, DateOnly), Factor>();
        var devicesOf = meters.ToLookup(m => m.Enterprise.Id);
        var reporting = reports.Select(r => r.EnterpriseId).ToHashSet(StringComparer.Ordinal);
        foreach (var enterprise in enterprises)
        {
            var devices = devicesOf[enterprise.Id].ToList();
            var electricityMeters = devices.Where(m => !isCems.Contains(m.Meter.DeviceId)).ToList();
            var stacks = devices.Where(m => readings.Cems.ContainsKey(m.Meter.DeviceId)).ToList();
            var index = 0;
            for (var day = request.From; day <= request.To; day = day.AddDays(1), index++)
            {
                var electricity = new EnterpriseElectricity(enterprise, day, [.. electricityMeters.Select(m => meterDays[m.Meter.DeviceId][index])]);
                var report = reportOf.GetValueOrDefault((enterprise.Id, Period.MonthOf(day).PreviousMonth));
                var energy = report is null ? null : report with { Lines = [.. report.Lines.Where(l => l.EnergyKind != ReportsCsv.VerifiedCo2)] };
                var cemsDays = stacks.Select(s => CemsModel.Compute(s.Meter.DeviceId, readings.Cems[s.Meter.DeviceId], s.Meter.IntervalSeconds, day, request.Zone)).ToList();
                var outcome = EnterprisePipeline.Run(new EnterpriseDayInputs(electricity, energy, reporting.Contains(enterprise.Id), cemsDays), settings);
                results.AddRange(outcome.Results);
                notices.AddRange(outcome.Notices);
                foreach (var (model, factor) in outcome.RateFactors)
                {
                    used[(enterprise.Id, model, day)] = factor;
                }
            }
        }
        var ordered = results.OrderBy(r => r.Day).ThenBy(r => r.Enterprise.Id, StringComparer.Ordinal).ThenBy(r => r.Model).ToList();
        var rollups = request.Rollup
            ? Rollup.Build(enterprises, ordered, References(meters, isCems, readings, ordered, used, request))
            : null;
        var factorsUsed = ordered.SelectMany(r => r.FactorVersions).Distinct()
            .Select(v => library.All.Concat(used.Values).FirstOrDefault(f => f.VersionId == v)).OfType<Factor>().DistinctBy(f => f.VersionId).ToList();
        return new OfflineResult(ordered, rollups, notices, factorsUsed);

    }

    /// <summary>
    /// Derives enterprise factors (formula 4) from <c>verified_co2</c> report lines: f_e = the year's verified tCO2 /
    /// the year's electricity lines in MWh, when all twelve months have one.
    /// </summary>
    private static FactorLibrary WithEnterpriseFactors(FactorLibrary library, List<EnterpriseInfo> enterprises,
        IReadOnlyList<MonthlyEnergyReport> reports, List<string> notices)
    {
        foreach (var year in reports.GroupBy(r => (r.EnterpriseId, r.Month.First.Year)))
        {
            var verified = year.SelectMany(r => r.Lines).Where(l => l.EnergyKind == ReportsCsv.VerifiedCo2).Sum(l => l.Quantity);
            if (verified <= 0)
            {
                continue;
            }
            var enterprise = enterprises.Find(e => e.Id == year.Key.EnterpriseId);
            var months = year.Where(r => r.Lines.Any(l => l.EnergyKind == MonthlyEnergyReport.Electricity)).ToList();
            if (enterprise is null || months.Count != 12)
            {
                notices.Add(enterprise is null
                    ? $"{year.Key.EnterpriseId}: verified_co2 for {year.Key.Year} but the enterprise has no meter in the meters file"
                    : $"{enterprise.Id}: verified_co2 for {year.Key.Year} but electricity for {months.Count} of 12 months: no enterprise factor");
                continue;
            }
            var mwh = months.SelectMany(r => r.Lines).Where(l => l.EnergyKind == MonthlyEnergyReport.Electricity).Sum(l => Units.ToMwh(l.Quantity, l.Unit));
            library = library.With(EnterpriseFactorModel.Derive(enterprise, year.Key.Year, verified, mwh, $"--reports verified_co2 and electricity {year.Key.Year}"));
        }
        return library;
    }

    /// <summary>
    /// Independent figures for each enterprise's months, quarters and years within the run: the register over the
    /// part of the period the run covers (formula 1 over the span), for every model; tCO2 too for grid and
    /// enterprise_factor when one factor served every day.
    /// </summary>
    private static List<RollupReference> References(IReadOnlyList<MeterEntry> meters, HashSet<string> isCems, ReadingsFile readings,
        List<EnterpriseDay> results, Dictionary<(string, EstimationModel, DateOnly), Factor> used, OfflineRequest request)
    {
        var references = new List<RollupReference>();
        var devicesOf = meters.ToLookup(m => m.Enterprise.Id);
        foreach (var byEnterprise in results.GroupBy(r => r.Enterprise.Id))
        {
            var electricityMeters = devicesOf[byEnterprise.Key].Where(m => !isCems.Contains(m.Meter.DeviceId)).ToList();
            if (electricityMeters.Count == 0)
            {
                continue;
            }
            var spans = new Dictionary<(DateOnly, DateOnly), double>();   // a run within one month clips all periods to the same span
            foreach (var kind in (PeriodKind[])[PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year])
            {
                foreach (var period in byEnterprise.Select(r => Period.Of(kind, r.Day)).Distinct())
                {
                    var span = (period.First > request.From ? period.First : request.From, period.Last < request.To ? period.Last : request.To);
                    if (!spans.TryGetValue(span, out var kwh))
                    {
                        spans[span] = kwh = electricityMeters.Sum(m => DailyElectricity.ComputeSpan(m.Meter,
                            readings.Registers.GetValueOrDefault(m.Meter.DeviceId) ?? [], span.Item1, span.Item2, request.Zone).Kwh);
                    }
                    foreach (var model in byEnterprise.Where(r => period.Contains(r.Day)).Select(r => r.Model).Distinct())
                    {
                        var factors = byEnterprise.Where(r => r.Model == model && period.Contains(r.Day))
                            .Select(r => used.GetValueOrDefault((r.Enterprise.Id, model, r.Day))).DistinctBy(f => f?.VersionId).ToList();
                        double? tco2 = factors is [{ } single] ? kwh / 1000 * Units.TonnesCo2PerMwh(single) : null;
                        references.Add(new RollupReference(byEnterprise.Key, period, model, kwh, tco2));
                    }
                }
            }
        }
        return references;
    }
}
