using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regions;
using CarbonEdge.Estimation.Rollups;

namespace CarbonEdge.Estimation.Regional;

/// <summary>The results of a regional run, every level.</summary>
/// <param name="Results">Every series' rows (all levels, domains, industries) for the periods overlapping the request, consistency set.</param>
/// <param name="Checks">Time and space roll-up checks and fluctuation checks.</param>
/// <param name="Missing">What could not be computed and which inputs it needs, one sentence each (never a zero row).</param>
/// <param name="Anomalies">Anomalous days of the daily tCO2 series (§7.3.3).</param>
/// <param name="Interpolations">Electricity series with interpolated days and the stated error (§7.2.3).</param>
/// <param name="ElectricityExpected">Day values of the base electricity series expected within the request, up to the latest day any electricity is given for (later days are not due yet).</param>
/// <param name="ElectricityMeasured">Of those, present in the inputs (not interpolated).</param>
public sealed record RegionalRunResult(IReadOnlyList<RegionalResult> Results, IReadOnlyList<RegionalCheck> Checks, IReadOnlyList<string> Missing,
    IReadOnlyList<RegionalAnomaly> Anomalies, IReadOnlyList<RegionalInterpolation> Interpolations, int ElectricityExpected, int ElectricityMeasured)
{
    /// <summary>The rows of one level.</summary>
    public IEnumerable<RegionalResult> AtLevel(RegionLevel level) => Results.Where(r => r.Level == level);
}

/// <summary>
/// Regional carbon accounting of T/CES carbon statistics §5–§7 (pure, no I/O): every region named in the inputs (and
/// its city and province), every domain and industry with statistics, at year, quarter, month and day. Per series:
/// <list type="number">
/// <item>a year, quarter or month with statistics of its own: <see cref="RegionalMethods.Statistics"/>; one without,
/// whose months (quarters) all have statistics: <see cref="RegionalMethods.SumOfPeriods"/>;</item>
/// <item>otherwise its enclosing period's value shared by electricity (§5.9–5.11, §5.17–5.19);</item>
/// <item>a day: its month's value shared by electricity when the month has a value (the days then sum to the month);
/// else, for the energy and industry domains, last month's energy per kWh × the day's electricity (§5.13, §5.15);</item>
/// <item>a region without statistics of its own: the sum of its child regions (§6.2.1).</item>
/// </list>
/// Then the roll-up checks (§6.4.1–6.4.2), fluctuation (§6.4.1 (3)), anomalies (§7.3.3).
/// </summary>
public static class RegionalAccounting
{
    private sealed record Value(double Tce, string Method, IReadOnlyList<string> Versions, IReadOnlyList<string> Inputs);

    /// <summary>Runs the models over the inputs.</summary>
    /// <param name="statistics">Validated statistics lines (no duplicate keys).</param>
    /// <param name="electricity">Daily electricity by region, domain and industry (file and metered enterprises, merged by the caller).</param>
    /// <param name="request">Level, days, EF_tce override.</param>
    /// <param name="factors">GB/T 2589 coefficients and the standard-coal CO2 factor.</param>
    public static RegionalRunResult Run(IReadOnlyList<StatisticsRecord> statistics, IReadOnlyList<ElectricityRecord> electricity,
        RegionalRequest request, FactorLibrary factors)
    {
        var missing = new List<string>();
        var regions = statistics.Select(s => s.Region).Concat(electricity.Select(e => e.Region))
            .SelectMany(r => r.Ancestors().Prepend(r)).ToHashSet();
        var childrenOf = regions.Where(r => r.Level != RegionLevel.Province)
            .ToLookup(r => r.Level == RegionLevel.County ? r.City : r.Province);

        // Periods: the whole years overlapping the request, their quarters, months and days (a parent's check needs all
        // its children); rows, checks and missing inputs are reported for the periods overlapping the request.
        var months = new List<Period>();
        for (var m = Period.MonthOf(new DateOnly(request.From.Year, 1, 1)); m.First.Year <= request.To.Year; m = Period.MonthOf(m.Last.AddDays(1)))
        {
            months.Add(m);
        }
        var periods = months.Select(m => Period.Of(PeriodKind.Year, m.First)).Distinct()
            .Concat(months.Select(m => Period.Of(PeriodKind.Quarter, m.First)).Distinct()).Concat(months).ToList();
        var days = months.SelectMany(m => m.EachDay()).ToList();

        // Statistics per series at its own region: the domain total ("" industry) and each industry named.
        var statLines = statistics.ToLookup(s => new SeriesKey(s.Region, s.Domain, ""))
            .Concat(statistics.Where(s => s.Industry.Length > 0).ToLookup(s => new SeriesKey(s.Region, s.Domain, s.Industry)))
            .ToDictionary(g => g.Key, g => g.ToLookup(s => s.Period));

        // Electricity per series: own rows (a domain's empty-industry rows are its total; without them the industries sum).
        var ownElectricity = new Dictionary<SeriesKey, ElectricitySeries>();
        var interpolations = new List<RegionalInterpolation>();
        var expected = 0;
        var measured = 0;
        var latestElectricity = electricity.Count > 0 ? electricity.Max(e => e.Day) : request.To; // days after it are not due yet
        foreach (var byRegionDomain in electricity.GroupBy(e => (e.Region, e.Domain)))
        {
            var byIndustry = byRegionDomain.GroupBy(e => e.Industry).ToDictionary(g => g.Key, g => Base(new SeriesKey(byRegionDomain.Key.Region, byRegionDomain.Key.Domain, g.Key), g));
            var total = new SeriesKey(byRegionDomain.Key.Region, byRegionDomain.Key.Domain, "");
            if (!byIndustry.ContainsKey(""))
            {
                ownElectricity[total] = ElectricitySeries.Sum(byIndustry.Values);
            }
        }

        var cache = new Dictionary<SeriesKey, Dictionary<Period, Value?>>();
        var converted = new Dictionary<(SeriesKey, Period), Value?>();
        var electricityCache = new Dictionary<SeriesKey, ElectricitySeries>();
        var results = new List<RegionalResult>();
        var keys = statLines.Keys.Concat(ownElectricity.Keys.Where(k => k.Industry.Length == 0 || statLines.ContainsKey(k)))
            .SelectMany(k => k.Region.Ancestors().Prepend(k.Region).Select(r => k with { Region = r })).Distinct()
            .OrderBy(k => k.Region.Value, StringComparer.Ordinal).ThenBy(k => k.Domain).ThenBy(k => k.Industry, StringComparer.Ordinal).ToList();
        var efTce = new Dictionary<(RegionCode, int, int), FactorMatch?>();
        var rowsOf = new Dictionary<SeriesKey, Dictionary<Period, RegionalResult>>();
        foreach (var key in keys)
        {
            var rows = rowsOf[key] = [];
            var e = ElectricityOf(key);
            foreach (var period in periods.Concat(days.Select(d => Period.Of(PeriodKind.Day, d))))
            {
                var value = period.Kind == PeriodKind.Day ? DayValue(key, period.First) : Get(key, period);
                if (value is null)
                {
                    continue;
                }
                var tce = Tce(key.Region, period.Last);
                if (tce is null)
                {
                    continue;
                }
                var (kwh, withKwh, interpolated) = e.Over(period);
                var method = interpolated && value.Method is RegionalMethods.ElectricityShare or RegionalMethods.LastMonthRatio ? value.Method + RegionalMethods.InterpolatedSuffix : value.Method;
                rows[period] = new RegionalResult(key, period, RegionalModels.Tco2(value.Tce, tce.Factor.Value), value.Tce, withKwh > 0 ? kwh : null, method,
                    1, true, [.. value.Versions.Append(tce.Factor.VersionId).Distinct()], value.Inputs);
            }
        }

        var checks = new List<RegionalCheck>();
        foreach (var (key, rows) in rowsOf)
        {
            foreach (var (period, row) in rows.Where(r => Overlaps(r.Key)).ToList())
            {
                var completeness = 1.0;
                var consistent = true;
                if (period.Kind != PeriodKind.Day)
                {
                    var children = ChildPeriods(period).ToList();
                    var present = children.Where(rows.ContainsKey).ToList();
                    completeness = (double)present.Count / children.Count;
                    var sum = present.Sum(c => rows[c].Tco2);
                    var passed = Consistency.Within(row.Tco2, sum) && completeness >= 0.99;
                    checks.Add(new RegionalCheck("time_rollup", key, period, row.Tco2, sum, completeness, passed));
                    consistent &= passed;
                }
                if (key.Region.Level != RegionLevel.County)
                {
                    // Expected children: the child regions that have this series at all (a county without the industry is not missing).
                    var children = childrenOf[key.Region].Where(c => rowsOf.TryGetValue(key with { Region = c }, out var r) && r.Count > 0).ToList();
                    var present = children.Where(c => rowsOf[key with { Region = c }].ContainsKey(period)).ToList();
                    if (present.Count > 0)
                    {
                        var regionCompleteness = (double)present.Count / children.Count;
                        var sum = present.Sum(c => rowsOf[key with { Region = c }][period].Tco2);
                        var passed = Consistency.Within(row.Tco2, sum) && regionCompleteness >= 0.99;
                        checks.Add(new RegionalCheck("space_rollup", key, period, row.Tco2, sum, regionCompleteness, passed));
                        consistent &= passed;
                        completeness = Math.Min(completeness, regionCompleteness);
                    }
                }
                if (period.Kind != PeriodKind.Day && Get(key, Period.Of(period.Kind, period.First.AddYears(-1))) is { } lastYear && lastYear.Tce > 0)
                {
                    checks.Add(new RegionalCheck("fluctuation", key, period, row.Tce, lastYear.Tce, 1, Math.Abs(row.Tce - lastYear.Tce) <= 0.05 * lastYear.Tce));
                }
                rows[period] = row with { Completeness = completeness, Consistent = consistent };
            }
            foreach (var period in periods.Where(p => !rows.ContainsKey(p) && Overlaps(p)))
            {
                missing.Add($"{key} {period}: {Needs(key, period)}");
            }
            var dayMissing = days.Where(d => d >= request.From && d <= request.To && !rows.ContainsKey(Period.Of(PeriodKind.Day, d))).ToList();
            if (dayMissing.Count > 0)
            {
                missing.Add($"{key} {dayMissing.Count} day(s) {dayMissing[0]:yyyy-MM-dd}..{dayMissing[^1]:yyyy-MM-dd}: {Needs(key, Period.Of(PeriodKind.Day, dayMissing[0]))}");
            }
            results.AddRange(rows.Values.Where(r => Overlaps(r.Period)));
        }

        var anomalies = rowsOf.SelectMany(kv => AnomalyDetector.Detect(kv.Value.Values.Where(r => r.Period.Kind == PeriodKind.Day).ToDictionary(r => r.Period.First, r => r.Tco2))
            .Where(a => a.Day >= request.From && a.Day <= request.To).Select(a => new RegionalAnomaly(kv.Key, a.Day, a.Value, a.Median, a.Score))).ToList();
        var ordered = results.OrderBy(r => r.Key.Region.Level).ThenBy(r => r.Key.Region.Value, StringComparer.Ordinal).ThenBy(r => r.Key.Domain)
            .ThenBy(r => r.Key.Industry, StringComparer.Ordinal).ThenByDescending(r => r.Period.Kind).ThenBy(r => r.Period.First).ToList();
        return new RegionalRunResult(ordered, checks, [.. missing.Distinct()], anomalies, interpolations, expected, measured);

        bool Overlaps(Period p) => p.First <= request.To && p.Last >= request.From;

        ElectricitySeries Base(SeriesKey key, IEnumerable<ElectricityRecord> records)
        {
            var measuredDays = new Dictionary<DateOnly, double>();
            foreach (var r in records)
            {
                measuredDays[r.Day] = measuredDays.GetValueOrDefault(r.Day) + r.Kwh;
            }
            var series = ElectricitySeries.From(measuredDays, request.MaxInterpolationDays);
            ownElectricity[key] = series;
            if (series.Interpolated.Count > 0)
            {
                interpolations.Add(new RegionalInterpolation(key, series.Interpolated, series.ErrorEstimate));
            }
            for (var d = request.From; d <= request.To && d <= latestElectricity; d = d.AddDays(1))
            {
                expected++;
                measured += measuredDays.ContainsKey(d) ? 1 : 0;
            }
            return series;
        }

        ElectricitySeries ElectricityOf(SeriesKey key)
        {
            if (ownElectricity.TryGetValue(key, out var own))
            {
                return own;
            }
            if (!electricityCache.TryGetValue(key, out var sum))
            {
                electricityCache[key] = sum = ElectricitySeries.Sum(childrenOf[key.Region].Select(c => ElectricityOf(key with { Region = c })));
            }
            return sum;
        }

        FactorMatch? Tce(RegionCode region, DateOnly day)
        {
            if (request.TceOverride is { } o)
            {
                return new FactorMatch(o, region.Value, day);
            }
            if (!efTce.TryGetValue((region, day.Year, day.Month), out var match))
            {
                efTce[(region, day.Year, day.Month)] = match = factors.Find(FactorKind.StandardCoalCo2, "standard_coal", null, region.Value, day);
                if (match is null)
                {
                    missing.Add($"{region} {day:yyyy-MM}: no standard-coal CO2 factor (tCO2/tce) in the library; give one (--tce-factor)");
                }
            }
            return match;
        }

        // A period's own statistics, converted to tce (value added scaling per industry, §5.14 (2)); computed once.
        Value? Statistics(SeriesKey key, Period period)
        {
            if (!statLines.TryGetValue(key, out var byPeriod) || !byPeriod.Contains(period))
            {
                return null;
            }
            if (converted.TryGetValue((key, period), out var done))
            {
                return done;
            }
            return converted[(key, period)] = Convert(key, period, byPeriod);
        }

        Value? Convert(SeriesKey key, Period period, ILookup<Period, StatisticsRecord> byPeriod)
        {
            double tce = 0;
            var versions = new List<string>();
            var inputs = new List<string>();
            foreach (var industry in byPeriod[period].GroupBy(s => s.Industry))
            {
                var valueAdded = industry.FirstOrDefault(s => s.EnergyKind == StatisticsKinds.ValueAdded)?.Quantity;
                var aboveScale = industry.FirstOrDefault(s => s.EnergyKind == StatisticsKinds.ValueAddedAboveScale)?.Quantity;
                foreach (var line in industry.Where(l => StandardCoal.Counts(key.Domain, l.EnergyKind)))
                {
                    double lineTce;
                    try
                    {
                        lineTce = StandardCoal.ToTce(factors, key.Region.Value, period.Last, line.EnergyKind, line.Quantity, line.Unit, out var version);
                        versions.Add(version);
                    }
                    catch (ArgumentException ex)
                    {
                        missing.Add($"{key} {period}: {line.EnergyKind} {line.Quantity} {line.Unit} not converted: {ex.Message}");
                        return null;
                    }
                    if (valueAdded is { } va && aboveScale is { } vaAbove && key.Domain == RegionalDomain.Industry)
                    {
                        lineTce = RegionalModels.ScaleByValueAdded(lineTce, va, vaAbove);
                    }
                    tce += lineTce;
                    inputs.Add($"{line.Region} {line.Period} {line.EnergyKind}{(line.Industry.Length > 0 ? "@" + line.Industry : "")} {line.Quantity} {line.Unit}");
                }
                if (valueAdded is { } v && aboveScale is { } a && key.Domain == RegionalDomain.Industry)
                {
                    inputs.Add($"value added {v}/{a} (whole/above scale){(industry.Key.Length > 0 ? " @" + industry.Key : "")}");
                }
            }
            return new Value(tce, RegionalMethods.Statistics, versions.Distinct().ToList(), inputs);
        }

        // Top: statistics of the period, or the sum of its sub-periods' statistics when all have them.
        Value? Top(SeriesKey key, Period period)
        {
            if (Statistics(key, period) is { } own)
            {
                return own;
            }
            if (period.Kind is PeriodKind.Month or PeriodKind.Day)
            {
                return null;
            }
            var parts = ChildPeriods(period).Select(p => Top(key, p)).ToList();
            return parts.Any(p => p is null) ? null
                : new Value(parts.Sum(p => p!.Tce), RegionalMethods.SumOfPeriods, [.. parts.SelectMany(p => p!.Versions).Distinct()], [.. parts.SelectMany(p => p!.Inputs)]);
        }

        // A year, quarter or month of a series: its own (top) value, or its enclosing period's shared by electricity; for
        // a region without statistics of its own, the sum of its child regions.
        Value? Get(SeriesKey key, Period period)
        {
            if (!cache.TryGetValue(key, out var values))
            {
                cache[key] = values = [];
            }
            if (values.TryGetValue(period, out var cached))
            {
                return cached;
            }
            Value? value;
            if (!statLines.ContainsKey(key))
            {
                var parts = childrenOf[key.Region].Select(c => (Region: c, Value: period.Kind == PeriodKind.Day ? DayValue(key with { Region = c }, period.First) : Get(key with { Region = c }, period)))
                    .Where(p => p.Value is not null).ToList();
                value = parts.Count == 0 ? null : new Value(parts.Sum(p => p.Value!.Tce), RegionalMethods.SumOfRegions,
                    [.. parts.SelectMany(p => p.Value!.Versions).Distinct()], [.. parts.Select(p => $"{p.Region} {p.Value!.Tce:G9} tce")]);
            }
            else
            {
                value = Top(key, period) ?? Share(key, period);
            }
            values[period] = value;
            return value;
        }

        Value? Share(SeriesKey key, Period period)
        {
            var parent = period.Kind switch
            {
                PeriodKind.Month => Period.Of(PeriodKind.Quarter, period.First),
                PeriodKind.Quarter => Period.Of(PeriodKind.Year, period.First),
                _ => (Period?)null,
            };
            if (parent is not { } p || Get(key, p) is not { } whole)
            {
                return null;
            }
            var e = ElectricityOf(key);
            var (childKwh, childDays, _) = e.Over(period);
            var (parentKwh, _, _) = e.Over(p);
            if (childDays == 0 || !(parentKwh > 0))
            {
                return null;
            }
            return new Value(RegionalModels.ShareByElectricity(whole.Tce, childKwh, parentKwh), RegionalMethods.ElectricityShare, whole.Versions,
                [$"{p} {whole.Tce:G9} tce x {childKwh:G9} / {parentKwh:G9} kWh"]);
        }

        Value? DayValue(SeriesKey key, DateOnly day)
        {
            if (!statLines.ContainsKey(key))
            {
                return Get(key, Period.Of(PeriodKind.Day, day));
            }
            var e = ElectricityOf(key);
            if (e.On(day) is not { } kwh)
            {
                return null;
            }
            var month = Period.MonthOf(day);
            if (Get(key, month) is { } whole)
            {
                var (monthKwh, _, _) = e.Over(month);
                return monthKwh > 0 ? new Value(RegionalModels.ShareByElectricity(whole.Tce, kwh, monthKwh), RegionalMethods.ElectricityShare, whole.Versions,
                    [$"{month} {whole.Tce:G9} tce x {kwh:G9} / {monthKwh:G9} kWh"]) : null;
            }
            if (key.Domain.IsOther() || Get(key, month.PreviousMonth) is not { } last)
            {
                return null;
            }
            var (lastKwh, _, _) = e.Over(month.PreviousMonth);
            return lastKwh > 0 ? new Value(RegionalModels.LastMonthRatio(last.Tce, lastKwh, kwh), RegionalMethods.LastMonthRatio, last.Versions,
                [$"{month.PreviousMonth} {last.Tce:G9} tce / {lastKwh:G9} kWh x {kwh:G9} kWh"]) : null;
        }

        string Needs(SeriesKey key, Period period)
        {
            if (!statLines.Keys.Any(k => k.Domain == key.Domain && k.Industry == key.Industry && (k.Region == key.Region || k.Region.Ancestors().Contains(key.Region))))
            {
                return "no statistics for the series";
            }
            return period.Kind == PeriodKind.Day
                ? $"needs electricity of the day and statistics of its month (or its quarter or year, with the electricity to share by){(key.Domain.IsOther() ? "" : ", or of the month before")}"
                : $"needs statistics of {period} or of an enclosing period with electricity of both to share by";
        }
    }

    /// <summary>The days of a month, months of a quarter, quarters of a year.</summary>
    public static IEnumerable<Period> ChildPeriods(Period period) => period.Kind switch
    {
        PeriodKind.Year => Enumerable.Range(0, 4).Select(q => Period.Of(PeriodKind.Quarter, period.First.AddMonths(3 * q))),
        PeriodKind.Quarter => Enumerable.Range(0, 3).Select(m => Period.MonthOf(period.First.AddMonths(m))),
        PeriodKind.Month => period.EachDay().Select(d => Period.Of(PeriodKind.Day, d)),
        _ => [],
    };
}
