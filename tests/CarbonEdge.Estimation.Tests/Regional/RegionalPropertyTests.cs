using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;
using FsCheck;
using FsCheck.Fluent;
using static CarbonEdge.Estimation.Tests.Regional.RegionalInputs;

namespace CarbonEdge.Estimation.Tests.Regional;

/// <summary>
/// For every model: the day values of a month sum to the month, the month values of a quarter to the quarter (and
/// quarters to the year), on random daily electricity and random statistics.
/// </summary>
public class RegionalPropertyTests
{
    private static readonly FactorLibrary Factors = FactorLibrary.LoadEmbedded();
    private static readonly Config Years = Config.QuickThrowOnFailure.WithMaxTest(25);

    /// <summary>A domain, one year of positive daily kWh, and statistics: annual only, quarterly only, or monthly only.</summary>
    private static readonly Arbitrary<(RegionalDomain Domain, int[] Kwh, int Layout, int[] Quantity)> Cases =
        (from domain in Gen.Elements(RegionalDomains.All.ToArray())
         from kwh in Gen.ArrayOf(Gen.Choose(1, 1_000_000), 365)
         from layout in Gen.Choose(0, 2)
         from quantity in Gen.ArrayOf(Gen.Choose(1, 100_000), 12)
         select (domain, kwh, layout, quantity)).ToArbitrary();

    [Fact]
    public void Days_sum_to_months_months_to_quarters_quarters_to_years()
    {
        Prop.ForAll(Cases, c =>
        {
            var statistics = c.Layout switch
            {
                0 => [Stat("320581", "2025", c.Domain, "raw_coal", c.Quantity[0], "t")],
                1 => Enumerable.Range(1, 4).Select(q => Stat("320581", $"2025-Q{q}", c.Domain, "raw_coal", c.Quantity[q], "t")).ToList(),
                _ => Enumerable.Range(1, 12).Select(m => Stat("320581", $"2025-{m:D2}", c.Domain, "raw_coal", c.Quantity[m - 1], "t")).ToList(),
            };
            var first = new DateOnly(2025, 1, 1);
            var run = RegionalAccounting.Run(statistics, [.. Days("320581", c.Domain, first, new DateOnly(2025, 12, 31), d => c.Kwh[d.DayNumber - first.DayNumber])],
                Request(RegionLevel.County, "2025-01-01", "2025-12-31"), Factors);
            var rows = run.AtLevel(RegionLevel.County).ToDictionary(r => r.Period);
            foreach (var parent in rows.Values.Where(r => r.Period.Kind != PeriodKind.Day))
            {
                var children = RegionalAccounting.ChildPeriods(parent.Period).ToList();
                if (!children.All(rows.ContainsKey) || Math.Abs(children.Sum(p => rows[p].Tco2) - parent.Tco2) > 1e-9 * parent.Tco2 || !parent.Consistent)
                {
                    return false;
                }
            }
            return rows.Count == 365 + 12 + 4 + 1;
        }).Check(Years);
    }

    [Fact]
    public void Last_month_ratio_days_sum_to_the_month_estimated_from_the_months_electricity()
    {
        // §5.13 / §5.15 are linear in electricity: the days of a month without statistics sum to last month's energy
        // per kWh x the month's electricity.
        var domains = Gen.Elements(RegionalDomain.Energy, RegionalDomain.Industry);
        Prop.ForAll((from domain in domains from kwh in Gen.ArrayOf(Gen.Choose(1, 1_000_000), 59) from quantity in Gen.Choose(1, 100_000)
                     select (domain, kwh, quantity)).ToArbitrary(), c =>
        {
            var first = new DateOnly(2025, 1, 1);
            var run = RegionalAccounting.Run([Stat("320581", "2025-01", c.domain, "raw_coal", c.quantity, "t")],
                [.. Days("320581", c.domain, first, new DateOnly(2025, 2, 28), d => c.kwh[d.DayNumber - first.DayNumber])],
                Request(RegionLevel.County, "2025-02-01", "2025-02-28"), Factors);
            var january = c.quantity * 0.7143 / c.kwh.Take(31).Sum(k => (double)k);
            var february = january * c.kwh.Skip(31).Sum(k => (double)k);
            var days = run.AtLevel(RegionLevel.County).Where(r => r.Period.Kind == PeriodKind.Day).ToList();
            return days.Count == 28 && days.All(d => d.Method == RegionalMethods.LastMonthRatio)
                && Math.Abs(days.Sum(d => d.Tce) - february) <= 1e-9 * february;
        }).Check(Years);
    }
}
