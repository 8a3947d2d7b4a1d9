using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Rollups;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Estimation.Tests.Rollups;

public class RollupPropertyTests
{
    // Six enterprises over two provinces, three cities, four counties, three industries; one registered at city level.
    private static readonly EnterpriseInfo[] Registry =
    [
        new("e0", "130102", "3110"), new("e1", "130102", "3120"), new("e2", "130104", "3110"),
        new("e3", "130200", "2511"), new("e4", "320106", "3120"), new("e5", "320106", "2511"),
    ];

    private static readonly Arbitrary<EnterpriseDay[]> Leaves =
        (from count in Gen.Choose(1, 60)
         from items in Gen.ListOf(
             from e in Gen.Choose(0, Registry.Length - 1)
             from dayOffset in Gen.Choose(0, 800)
             from kwhMilli in Gen.Choose(0, int.MaxValue)
             from ratio in Gen.Choose(1, 1000)
             from model in Gen.Elements(EstimationModel.Grid, EstimationModel.Cems)
             select new EnterpriseDay(Registry[e], new DateOnly(2025, 1, 1).AddDays(dayOffset), model, "2",
                 kwhMilli / 1000.0, kwhMilli / 1000.0 * ratio / 1_000_000, 1, false, null, [], []), count)
         select items.ToArray()).ToArbitrary();

    /// <summary>The last result per enterprise, day and model: what a re-run leaves.</summary>
    private static List<EnterpriseDay> Latest(EnterpriseDay[] leaves) =>
        [.. leaves.GroupBy(l => (l.Enterprise.Id, l.Day, l.Model)).Select(g => g.Last())];

    /// <summary>Exact decimal sum of the leaves a predicate selects.</summary>
    private static (decimal Kwh, decimal Tco2) Expected(List<EnterpriseDay> latest, Func<EnterpriseDay, bool> select)
    {
        var selected = latest.Where(select).ToList();
        return (selected.Sum(l => (decimal)l.Kwh), selected.Sum(l => (decimal)l.Tco2));
    }

    [Fact]
    public void Every_parent_is_exactly_the_sum_of_the_days_under_it()
    {
        Prop.ForAll(Leaves, leaves =>
        {
            var rows = Rollup.Build(Registry, leaves);
            var latest = Latest(leaves);
            foreach (var row in rows)
            {
                var under = Expected(latest, l => l.Model == row.Model && row.Period.Contains(l.Day) && Under(row, l.Enterprise));
                if (row.Kwh != (double)under.Kwh || row.Tco2 != (double)under.Tco2)
                {
                    return false;
                }
            }
            return rows.Count > 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Months_sum_to_years_and_counties_to_provinces()
    {
        Prop.ForAll(Leaves, leaves =>
        {
            var rows = Rollup.Build(Registry, leaves);
            var byKey = rows.ToLookup(r => (r.Key, r.Model));
            var latest = Latest(leaves);
            foreach (var year in rows.Where(r => r.Period.Kind == PeriodKind.Year))
            {
                var months = byKey[(year.Key, year.Model)].Where(r => r.Period.Kind == PeriodKind.Month && year.Period.Contains(r.Period.First));
                if (!Close(year.Kwh, months.Sum(m => m.Kwh)))
                {
                    return false;
                }
            }
            foreach (var province in rows.Where(r => r.Level == RollupLevel.Province))
            {
                var prefix = province.Key[..9];   // "region:13"
                var counties = rows.Where(r => r.Level == RollupLevel.County && r.Key.StartsWith(prefix, StringComparison.Ordinal)
                                               && r.Period == province.Period && r.Model == province.Model).Sum(r => r.Tco2);
                var cityLevel = Expected(latest, l => l.Model == province.Model && province.Period.Contains(l.Day)
                                                      && l.Enterprise.Region.StartsWith(prefix[7..], StringComparison.Ordinal) && l.Enterprise.Region.EndsWith("00", StringComparison.Ordinal));
                if (!Close(province.Tco2, counties + (double)cityLevel.Tco2))
                {
                    return false;
                }
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static bool Under(RollupRow row, EnterpriseInfo e) => row.Level switch
    {
        RollupLevel.Enterprise => row.Key == e.Id,
        RollupLevel.Industry => row.Key == "industry:" + e.Industry,
        RollupLevel.County => row.Key == "region:" + e.Region,
        RollupLevel.City => row.Key == "region:" + e.Region[..4] + "00",
        _ => row.Key == "region:" + e.Region[..2] + "0000",
    };

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));
}
