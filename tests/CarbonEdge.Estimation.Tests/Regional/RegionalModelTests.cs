using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;
using static CarbonEdge.Estimation.Tests.Regional.RegionalInputs;

namespace CarbonEdge.Estimation.Tests.Regional;

/// <summary>
/// One hand-computed case per region model of T/CES carbon statistics §5, with the arithmetic written out.
/// Coefficients (GB/T 2589, embedded library): raw coal 0.7143 kgce/kg, natural gas 1.2143 kgce/m3, electricity
/// 0.1229 kgce/kWh; EF_tce 2.66 tCO2/tce (not verified).
/// </summary>
public class RegionalModelTests
{
    private static readonly FactorLibrary Factors = FactorLibrary.LoadEmbedded();
    private static readonly DateOnly Jan1 = new(2025, 1, 1), Dec31 = new(2025, 12, 31);

    [Fact]
    public void Energy_domain_year_is_fossil_fuel_plus_electricity_brought_in_through_standard_coal()
    {
        // §5.2 / §5.12: raw coal 1000 t = 1 000 000 kg x 0.7143 = 714 300 kgce = 714.3 tce
        //               natural gas 10 x 10^4 m3 = 100 000 m3 x 1.2143 = 121 430 kgce = 121.43 tce
        //               electricity brought in 1000 MWh = 1 000 000 kWh x 0.1229 = 122 900 kgce = 122.9 tce
        //               958.63 tce x 2.66 = 2549.9558 tCO2
        var run = RegionalAccounting.Run(
            [Stat("320581", "2025", RegionalDomain.Energy, "raw_coal", 1000, "t"), Stat("320581", "2025", RegionalDomain.Energy, "natural_gas", 10, "10^4 m3"),
             Stat("320581", "2025", RegionalDomain.Energy, "electricity", 1000, "MWh")],
            [], Request(RegionLevel.County, "2025-01-01", "2025-12-31"), Factors);

        var year = Row(run, "320581", RegionalDomain.Energy, "2025");
        Assert.Equal(958.63, year.Tce, 9);
        Assert.Equal(2549.9558, year.Tco2, 9);
        Assert.Equal(RegionalMethods.Statistics, year.Method);
        Assert.Equal(["coal_coefficient.raw_coal@v1", "coal_coefficient.natural_gas@v1", "coal_coefficient.electricity@v1", "tce_co2.standard_coal@v1"], year.FactorVersions);
        Assert.Contains("320581 2025 raw_coal 1000 t", year.Inputs);
    }

    [Fact]
    public void Industry_year_scales_the_above_scale_energy_by_value_added_and_leaves_electricity_to_the_energy_domain()
    {
        // §5.14 (2): raw coal above scale 500 t = 357.15 tce; value added 1200 / above scale 1000 = 1.2 -> 428.58 tce
        //            electricity 2000 MWh of industry: not converted (its emissions are the energy domain's)
        //            428.58 tce x 2.66 = 1140.0228 tCO2
        var run = RegionalAccounting.Run(
            [Stat("320581", "2025", RegionalDomain.Industry, "raw_coal", 500, "t", "3011"), Stat("320581", "2025", RegionalDomain.Industry, "electricity", 2000, "MWh", "3011"),
             Stat("320581", "2025", RegionalDomain.Industry, StatisticsKinds.ValueAdded, 1200, StatisticsKinds.ValueAddedUnit, "3011"),
             Stat("320581", "2025", RegionalDomain.Industry, StatisticsKinds.ValueAddedAboveScale, 1000, StatisticsKinds.ValueAddedUnit, "3011")],
            [], Request(RegionLevel.County, "2025-01-01", "2025-12-31"), Factors);

        var whole = Row(run, "320581", RegionalDomain.Industry, "2025");
        var cement = Row(run, "320581", RegionalDomain.Industry, "2025", "3011");
        Assert.Equal(428.58, whole.Tce, 9);
        Assert.Equal(1140.0228, whole.Tco2, 9);
        Assert.Equal(whole.Tco2, cement.Tco2, 12);
    }

    [Fact]
    public void Other_domain_quarter_month_and_day_are_shares_by_electricity()
    {
        // §5.16 year: household natural gas 36.5 x 10^4 m3 = 365 000 m3 x 1.2143 = 443 219.5 kgce = 443.2195 tce
        // electricity: 2000 kWh/day in Q1 (90 days: 180 000 kWh), 1000 kWh/day after (275 days: 275 000 kWh); year 455 000 kWh
        // §5.17 Q1 = 443.2195 x 180 000 / 455 000 = 175.339582418 tce
        // §5.18 Jan = Q1 x 62 000 / 180 000 = 60.394745055 tce
        // §5.19 Jan 1 = Jan x 2000 / 62 000 = 1.948217582 tce -> x 2.66 = 5.182258769 tCO2
        var run = RegionalAccounting.Run([Stat("320581", "2025", RegionalDomain.Household, "natural_gas", 36.5, "10^4 m3")],
            [.. Days("320581", RegionalDomain.Household, Jan1, Dec31, d => d.Month <= 3 ? 2000 : 1000)],
            Request(RegionLevel.County, "2025-01-01", "2025-12-31"), Factors);

        Assert.Equal(443.2195, Row(run, "320581", RegionalDomain.Household, "2025").Tce, 9);
        var q1 = Row(run, "320581", RegionalDomain.Household, "2025-Q1");
        Assert.Equal(175.339582418, q1.Tce, 7);
        Assert.Equal(RegionalMethods.ElectricityShare, q1.Method);
        Assert.Equal(60.394745055, Row(run, "320581", RegionalDomain.Household, "2025-01").Tce, 7);
        var day = Row(run, "320581", RegionalDomain.Household, "2025-01-01");
        Assert.Equal(1.948217582, day.Tce, 7);
        Assert.Equal(5.182258769, day.Tco2, 7);
        Assert.Equal(2000, day.Kwh);
        Assert.All(run.Results, r => Assert.True(r.Consistent, $"{r.Key} {r.Period}"));
    }

    [Fact]
    public void Energy_day_without_its_months_statistics_uses_last_months_fuel_per_kwh()
    {
        // §5.13: January statistics raw coal 3100 t = 2214.33 tce over 31 x 1000 kWh supplied = 0.07143 tce/kWh;
        // February has no statistics yet: Feb 1 supplied 1500 kWh x 0.07143 = 107.145 tce x 2.66 = 285.0057 tCO2
        var run = RegionalAccounting.Run([Stat("320581", "2025-01", RegionalDomain.Energy, "raw_coal", 3100, "t")],
            [.. Days("320581", RegionalDomain.Energy, Jan1, new DateOnly(2025, 2, 1), d => d.Month == 1 ? 1000 : 1500)],
            Request(RegionLevel.County, "2025-01-01", "2025-02-01"), Factors);

        var feb1 = Row(run, "320581", RegionalDomain.Energy, "2025-02-01");
        Assert.Equal(RegionalMethods.LastMonthRatio, feb1.Method);
        Assert.Equal(107.145, feb1.Tce, 9);
        Assert.Equal(285.0057, feb1.Tco2, 9);
        // A January day shares January's own statistics: 2214.33 x 1000 / 31 000 = 71.43 tce
        Assert.Equal(71.43, Row(run, "320581", RegionalDomain.Energy, "2025-01-15").Tce, 9);
        // February as a whole has no statistics: reported missing, never a zero row
        Assert.DoesNotContain(run.Results, r => r.Period.ToString() == "2025-02");
        Assert.Contains(run.Missing, m => m.StartsWith("320581 energy 2025-02: needs statistics", StringComparison.Ordinal));
    }

    [Fact]
    public void Industry_day_uses_last_months_energy_per_kwh_of_the_industry()
    {
        // §5.15 (ratio read as energy per kWh): December 2024 cement (3011) natural gas 31 x 10^4 m3 = 310 000 m3 x 1.2143
        // = 376.433 tce over 31 x 10 000 kWh = 0.00121430 tce/kWh; 2025-01-02 uses 12 000 kWh -> 14.5716 tce x 2.66 = 38.760456 tCO2
        var run = RegionalAccounting.Run([Stat("320581", "2024-12", RegionalDomain.Industry, "natural_gas", 31, "10^4 m3", "3011")],
            [.. Days("320581", RegionalDomain.Industry, new DateOnly(2024, 12, 1), new DateOnly(2025, 1, 2), d => d.Year == 2024 ? 10_000 : 12_000, "3011")],
            Request(RegionLevel.County, "2025-01-02", "2025-01-02"), Factors);

        var day = Row(run, "320581", RegionalDomain.Industry, "2025-01-02", "3011");
        Assert.Equal(14.5716, day.Tce, 9);
        Assert.Equal(38.760456, day.Tco2, 9);
        Assert.Equal(day.Tco2, Row(run, "320581", RegionalDomain.Industry, "2025-01-02").Tco2, 12);
    }

    [Fact]
    public void Activity_data_give_annual_energy()
    {
        // §5.16 (1): building floor area 2 000 000 m2 x 0.5 kgce... here natural gas 1.5 m3/m2 -> 3 000 000 m3
        Assert.Equal(3_000_000, RegionalModels.ActivityEnergy(2_000_000, 1.5));
        // population 800 000 x 50 m3 natural gas per person = 40 000 000 m3
        Assert.Equal(40_000_000, RegionalModels.ActivityEnergy(800_000, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegionalModels.ActivityEnergy(-1, 2));
    }

    [Fact]
    public void Counties_sum_to_their_city_and_a_city_with_its_own_statistics_is_checked_against_them()
    {
        // Two counties of Suzhou (320500): 320581 raw coal 1000 t = 714.3 tce, 320583 raw coal 400 t = 285.72 tce.
        // City 320500 without its own statistics: 1000.02 tce, the sum (consistent).
        var counties = new[] { Stat("320581", "2025", RegionalDomain.Energy, "raw_coal", 1000, "t"), Stat("320583", "2025", RegionalDomain.Energy, "raw_coal", 400, "t") };
        var summed = RegionalAccounting.Run(counties, [], Request(RegionLevel.City, "2025-01-01", "2025-12-31"), Factors);
        var city = Row(summed, "320500", RegionalDomain.Energy, "2025");
        Assert.Equal(1000.02, city.Tce, 9);
        Assert.Equal(RegionalMethods.SumOfRegions, city.Method);
        Assert.Equal(1000.02, Row(summed, "320000", RegionalDomain.Energy, "2025").Tce, 9);
        Assert.Contains(summed.Checks, c => c.Kind == "space_rollup" && c.Key.Region.Value == "320500" && c.Passed);

        // The city reports 1500 t itself (1071.45 tce): 7.1 % above its counties' 1000.02 tce: inconsistent (> 0.5 %).
        var reported = RegionalAccounting.Run([.. counties, Stat("320500", "2025", RegionalDomain.Energy, "raw_coal", 1500, "t")], [],
            Request(RegionLevel.City, "2025-01-01", "2025-12-31"), Factors);
        var own = Row(reported, "320500", RegionalDomain.Energy, "2025");
        Assert.Equal(1071.45, own.Tce, 9);
        Assert.False(own.Consistent);
        var check = Assert.Single(reported.Checks, c => c.Kind == "space_rollup" && c.Key.Region.Value == "320500" && c.Period.Kind == PeriodKind.Year);
        Assert.Equal(0.07143, check.Difference, 4);
    }

    [Fact]
    public void Missing_electricity_days_are_interpolated_and_marked_longer_gaps_stay_missing()
    {
        // Household 2025-01 statistics; electricity for every January day but the 10th (one-day gap: interpolated between
        // the 9th's 1000 and the 11th's 1200 kWh = 1100 kWh) and the 20th..31st (12 days > 7: missing).
        var run = RegionalAccounting.Run([Stat("320581", "2025-01", RegionalDomain.Household, "natural_gas", 3.1, "10^4 m3")],
            [.. Days("320581", RegionalDomain.Household, Jan1, new DateOnly(2025, 1, 19), d => d.Day == 11 ? 1200 : 1000).Where(e => e.Day.Day != 10),
             .. Days("320581", RegionalDomain.Household, new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 1), _ => 1000)],
            Request(RegionLevel.County, "2025-01-01", "2025-01-31"), Factors);

        var tenth = Row(run, "320581", RegionalDomain.Household, "2025-01-10");
        Assert.Equal(1100, tenth.Kwh);
        Assert.Equal(RegionalMethods.ElectricityShare + RegionalMethods.InterpolatedSuffix, tenth.Method);
        var interpolation = Assert.Single(run.Interpolations);
        Assert.Equal([new DateOnly(2025, 1, 10)], interpolation.Days);
        Assert.NotNull(interpolation.ErrorEstimate);
        Assert.DoesNotContain(run.Results, r => r.Period.ToString() == "2025-01-25");
        Assert.Contains(run.Missing, m => m.Contains("12 day(s) 2025-01-20..2025-01-31", StringComparison.Ordinal));
        var month = Row(run, "320581", RegionalDomain.Household, "2025-01");
        Assert.Equal(19.0 / 31, month.Completeness, 9);
        Assert.False(month.Consistent);
    }

    [Fact]
    public void A_spike_in_a_daily_series_is_an_anomaly()
    {
        // 1000 kWh a day, 1010 on even days; 2025-01-15: 5000 kWh. Window median 1005, MAD 5: M = 0.6745 x 3995 / 5 = 538.9 > 3.5
        var run = RegionalAccounting.Run([Stat("320581", "2025-01", RegionalDomain.Household, "natural_gas", 3.1, "10^4 m3")],
            [.. Days("320581", RegionalDomain.Household, Jan1, new DateOnly(2025, 1, 31), d => d.Day == 15 ? 5000 : d.Day % 2 == 0 ? 1010 : 1000)],
            Request(RegionLevel.County, "2025-01-01", "2025-01-31"), Factors);

        var anomaly = Assert.Single(run.Anomalies, a => a.Key.Region.Value == "320581");
        Assert.Equal(new DateOnly(2025, 1, 15), anomaly.Day);
    }
}
