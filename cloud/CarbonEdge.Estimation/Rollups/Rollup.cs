using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Estimation.Rollups;

/// <summary>
/// Roll-ups of daily enterprise results (DESIGN.md Estimation, 6): day -> month -> quarter -> year per enterprise,
/// and enterprise -> industry (GB/T 4754 code) and enterprise -> county -> city -> province (GB/T 2260) for every
/// period, each model separately. Every parent is summed from the daily results themselves in decimal arithmetic,
/// so a parent equals the sum of any partition of its days exactly (to the 15 significant digits of a double).
/// </summary>
public static class Rollup
{
    /// <summary>Builds every parent row touched by <paramref name="days"/>.</summary>
    /// <param name="registry">Every enterprise expected (for the count of children missing); enterprises only in <paramref name="days"/> are added.</param>
    /// <param name="days">Daily results. A later result for the same enterprise, day and model replaces an earlier one (re-runs overwrite, never duplicate).</param>
    /// <param name="references">Independent figures for enterprise periods (e.g. formula 1 over the whole month) to check against; spatial parents sum them.</param>
    /// <returns>Enterprise month/quarter/year rows, then industry and region rows for every day, month, quarter and year; sorted by level, key, period kind, period, model.</returns>
    /// <remarks>
    /// An enterprise is expected under a spatial parent for a model when it is in the registry under that parent and
    /// has a result of that model on some day of the input (an enterprise without CEMS is not "missing" from a CEMS roll-up).
    /// </remarks>
    public static IReadOnlyList<RollupRow> Build(IReadOnlyList<EnterpriseInfo> registry, IEnumerable<EnterpriseDay> days,
        IEnumerable<RollupReference>? references = null)
    {
        var leaves = new Dictionary<(string, DateOnly, EstimationModel), EnterpriseDay>();
        foreach (var d in days)
        {
            leaves[(d.Enterprise.Id, d.Day, d.Model)] = d;
        }
        var refs = new Dictionary<(string, Period, EstimationModel), RollupReference>();
        foreach (var r in references ?? [])
        {
            refs[(r.EnterpriseId, r.Period, r.Model)] = r;
        }
        var enterprises = registry.ToDictionary(e => e.Id);
        foreach (var leaf in leaves.Values)
        {
            enterprises.TryAdd(leaf.Enterprise.Id, leaf.Enterprise);
        }

        var rows = new List<RollupRow>();
        foreach (var byModel in leaves.Values.GroupBy(l => l.Model))
        {
            var participating = byModel.Select(l => l.Enterprise.Id).ToHashSet();
            var expectedUnder = enterprises.Values.Where(e => participating.Contains(e.Id)).SelectMany(Parents)
                .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
            foreach (var kind in (ReadOnlySpan<PeriodKind>)[PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year])
            {
                foreach (var group in byModel.GroupBy(l => (l.Enterprise.Id, Period.Of(kind, l.Day))))
                {
                    rows.Add(EnterprisePeriod(group.Key.Id, group.Key.Item2, byModel.Key, [.. group], refs));
                }
            }
            foreach (var kind in (ReadOnlySpan<PeriodKind>)[PeriodKind.Day, PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year])
            {
                foreach (var byPeriod in byModel.GroupBy(l => Period.Of(kind, l.Day)))
                {
                    foreach (var parent in byPeriod.SelectMany(l => Parents(enterprises[l.Enterprise.Id]).Select(p => (Parent: p, Leaf: l)))
                                 .GroupBy(x => x.Parent, x => x.Leaf))
                    {
                        rows.Add(Spatial(parent.Key, byPeriod.Key, byModel.Key, [.. parent], expectedUnder[parent.Key], refs));
                    }
                }
            }
        }
        return [.. rows.OrderBy(r => r.Level).ThenBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Period.Kind)
            .ThenBy(r => r.Period.First).ThenBy(r => r.Model)];
    }

    /// <summary>The spatial parents of an enterprise: its industry, and its region code with the enclosing city and province.</summary>
    private static IEnumerable<(string Key, RollupLevel Level)> Parents(EnterpriseInfo e)
    {
        yield return ("industry:" + e.Industry, RollupLevel.Industry);
        if (RegionCode.TryParse(e.Region, out var code))
        {
            foreach (var c in (IEnumerable<RegionCode>)[code, .. code.Ancestors()])
            {
                yield return ("region:" + c.Value, c.Level switch
                {
                    RegionLevel.County => RollupLevel.County,
                    RegionLevel.City => RollupLevel.City,
                    _ => RollupLevel.Province,
                });
            }
        }
    }

    private static RollupRow EnterprisePeriod(string id, Period period, EstimationModel model, List<EnterpriseDay> leaves,
        Dictionary<(string, Period, EstimationModel), RollupReference> refs)
    {
        var (children, expected) = period.Kind switch
        {
            PeriodKind.Month => (leaves.Select(l => l.Day).Distinct().Count(), period.Days),
            PeriodKind.Quarter => (leaves.Select(l => l.Day.Month).Distinct().Count(), 3),
            _ => (leaves.Select(l => (l.Day.Month - 1) / 3).Distinct().Count(), 4),
        };
        var dayMissing = period.Days - leaves.Count;
        refs.TryGetValue((id, period, model), out var reference);
        return Row(id, RollupLevel.Enterprise, period, model, leaves, period.Days, children, expected - children,
            dayMissing > 0, reference?.Kwh, reference?.Tco2);
    }

    private static RollupRow Spatial((string Key, RollupLevel Level) parent, Period period, EstimationModel model,
        List<EnterpriseDay> leaves, int expectedEnterprises, Dictionary<(string, Period, EstimationModel), RollupReference> refs)
    {
        var present = leaves.Select(l => l.Enterprise).DistinctBy(e => e.Id).ToList();
        var children = parent.Level switch
        {
            RollupLevel.City => present.Select(e => ChildRegion(e, RegionLevel.County)).Distinct().Count(),
            RollupLevel.Province => present.Select(e => ChildRegion(e, RegionLevel.City)).Distinct().Count(),
            _ => present.Count,
        };
        double? refKwh = null, refTco2 = null;
        if (period.Kind != PeriodKind.Day)
        {
            var found = present.Select(e => refs.GetValueOrDefault((e.Id, period, model))).ToList();
            if (found.All(r => r is not null))
            {
                refKwh = Sum(found.Select(r => r!.Kwh));
                refTco2 = found.All(r => r!.Tco2 is not null) ? Sum(found.Select(r => r!.Tco2!.Value)) : null;
            }
        }
        var missing = Math.Max(0, expectedEnterprises - present.Count);
        return Row(parent.Key, parent.Level, period, model, leaves, period.Days * Math.Max(expectedEnterprises, present.Count),
            children, missing, leaves.Count < period.Days * present.Count, refKwh, refTco2);
    }

    /// <summary>The child of a city (its county) or province (its city) an enterprise falls under; the enterprise itself when registered at the parent's level.</summary>
    private static string ChildRegion(EnterpriseInfo e, RegionLevel childLevel)
    {
        var code = RegionCode.Parse(e.Region);
        var child = childLevel == RegionLevel.County ? code : code.City;
        return child.Level == childLevel ? child.Value : "enterprise:" + e.Id;
    }

    private static RollupRow Row(string key, RollupLevel level, Period period, EstimationModel model, List<EnterpriseDay> leaves,
        int expectedLeafDays, int children, int missing, bool daysMissing, double? refKwh, double? refTco2)
    {
        var kwh = Sum(leaves.Select(l => l.Kwh));
        var tco2 = Sum(leaves.Select(l => l.Tco2));
        var consistent = (refKwh is not { } rk || Consistency.Within(rk, kwh)) && (refTco2 is not { } rt || Consistency.Within(rt, tco2));
        return new RollupRow(key, level, period, model, kwh, tco2,
            expectedLeafDays == 0 ? 0 : Math.Min(1.0, Sum(leaves.Select(l => l.Completeness)) / expectedLeafDays),
            missing > 0 || daysMissing || leaves.Any(l => l.Estimated), children, missing, refKwh, refTco2, consistent,
            [.. leaves.SelectMany(l => l.FactorVersions).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>Exact sum of doubles in decimal (each value to 15 significant digits), independent of order.</summary>
    internal static double Sum(IEnumerable<double> values)
    {
        var sum = 0m;
        foreach (var v in values)
        {
            sum += (decimal)v;
        }
        return (double)sum;
    }
}
