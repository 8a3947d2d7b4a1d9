using CarbonEdge.Estimation.Cems;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Models;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Models;

public class CemsModelTests
{
    /// <summary>Five point readings at one time: CO2 12 %vol dry, flow 10 000 m3/h, 273.15 degC, 101.325 kPa gauge, moisture 50 %vol.</summary>
    private static IEnumerable<CemsPointReading> Sample(DateTimeOffset at, double co2 = 12) =>
    [
        new(at, "cems.co2", co2, ReadingQuality.Good),
        new(at, "cems.flow", 10_000, ReadingQuality.Good),
        new(at, "cems.temperature", 273.15, ReadingQuality.Good),
        new(at, "cems.pressure", 101.325, ReadingQuality.Good),
        new(at, "cems.humidity", 50, ReadingQuality.Good),
        new(at, "cems.o2", 6, ReadingQuality.Good),
    ];

    private static List<CemsPointReading> QuarterHours(Func<int, bool>? keep = null) =>
        [.. Enumerable.Range(0, 96).Where(k => keep?.Invoke(k) ?? true).SelectMany(k => Sample(DayStart + k * Quarter))];

    [Fact]
    public void Standard_dry_flow_and_mass_follow_formula_5()
    {
        // Q_sn = 10 000 x 273.15/(273.15+273.15) x (101.325+101.325)/101.325 x (1 - 0.50) = 10 000 x 0.5 x 2 x 0.5 = 5 000 m3/h
        // CO2 = 0.12 x 5 000 m3/h x 1.9768 kg/m3 = 1 186.08 kg/h; 24 h = 28 465.92 kg = 28.46592 tCO2
        var day = CemsModel.Compute("cems-1", QuarterHours(), 900, Day, Shanghai);

        Assert.Equal(28.46592, day.Tco2, 9);
        Assert.Equal(96, day.GoodIntervals);
        Assert.False(day.Estimated);
        Assert.Empty(day.Events);
    }

    [Fact]
    public void A_measured_dry_standard_flow_is_used_as_Q_sn_without_conversion()
    {
        // HJ 212 units report a00000 as dry standard flow (cems.flow.std_dry): 5 000 m3/h x 0.12 x 1.9768 = 1 186.08 kg/h
        // with no actual flow, temperature, pressure or moisture at all; where both are present, the measured one wins.
        var readings = Enumerable.Range(0, 96).SelectMany(k => new CemsPointReading[]
        {
            new(DayStart + k * Quarter, "cems.co2", 12, ReadingQuality.Good),
            new(DayStart + k * Quarter, "cems.flow.std_dry", 5_000, ReadingQuality.Good),
            new(DayStart + k * Quarter, "cems.flow", k % 2 == 0 ? 1 : 10_000, ReadingQuality.Good),
        }).ToList();
        var day = CemsModel.Compute("cems-1", readings, 900, Day, Shanghai);
        Assert.Equal(28.46592, day.Tco2, 9);
        Assert.Equal(96, day.GoodIntervals);
        Assert.Empty(day.Events);

        var withoutCo2 = CemsModel.Compute("cems-1", readings.Where(r => r.Point != "cems.co2"), 900, Day, Shanghai);
        Assert.Equal(0, withoutCo2.GoodIntervals);
        Assert.Contains(withoutCo2.Events, e => e.Detail.Contains("cems.co2"));
    }

    [Fact]
    public void A_gap_is_filled_linearly_between_the_neighbouring_samples_or_dropped()
    {
        // Samples k = 24..31 (06:00..07:45 local) missing: 2 h without a sample. Neighbouring rates are equal (1 186.08 kg/h),
        // so linear filling restores 28.46592 tCO2; drop leaves 22 h x 1 186.08 = 26 093.76 kg = 26.09376 tCO2.
        var readings = QuarterHours(k => k is < 24 or > 31);

        var linear = CemsModel.Compute("cems-1", readings, 900, Day, Shanghai);
        var dropped = CemsModel.Compute("cems-1", readings, 900, Day, Shanghai, GapFillMethod.Drop);

        Assert.Equal(28.46592, linear.Tco2, 9);
        Assert.Equal(2.37216, linear.EstimatedTco2, 9);
        Assert.True(linear.Estimated);
        Assert.Equal(GapFillMethod.Linear, linear.Method);
        Assert.Equal(26.09376, dropped.Tco2, 9);
        Assert.Equal(88, dropped.GoodIntervals);
    }

    [Fact]
    public void Linear_filling_interpolates_the_mass_rate_between_different_neighbours()
    {
        // Samples at 00:00 local (CO2 12 %: 1 186.08 kg/h) and 02:00 local (CO2 24 %: 2 372.16 kg/h), 15 min interval.
        // 00:00-00:15 measured: 0.25 h x 1 186.08 = 296.52 kg. 00:15-02:00 filled: 1.75 h x (1 186.08 + 2 372.16)/2 = 3 113.46 kg.
        // 02:00-24:00: 0.25 h measured at 2 372.16 = 593.04 kg, then 21.75 h held at 2 372.16 = 51 594.48 kg.
        // Total 296.52 + 3 113.46 + 593.04 + 51 594.48 = 55 597.5 kg = 55.5975 tCO2.
        var readings = Sample(DayStart).Concat(Sample(DayStart.AddHours(2), co2: 24)).ToList();

        var day = CemsModel.Compute("cems-1", readings, 900, Day, Shanghai);

        Assert.Equal(55.5975, day.Tco2, 9);
        Assert.Equal(2, day.GoodIntervals);
    }

    [Fact]
    public void An_incomplete_or_impossible_sample_is_reported_and_not_used()
    {
        var readings = QuarterHours();
        readings.RemoveAll(r => r.Timestamp == DayStart + 10 * Quarter && r.Point == "cems.humidity");
        readings.RemoveAll(r => r.Timestamp == DayStart + 11 * Quarter && r.Point == "cems.co2");
        readings.Add(new(DayStart + 11 * Quarter, "cems.co2", 140, ReadingQuality.Good));

        var day = CemsModel.Compute("cems-1", readings, 900, Day, Shanghai);

        Assert.Equal(94, day.GoodIntervals);
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.IncompleteSample && e.Detail.Contains("cems.humidity"));
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.IncompleteSample && e.Detail.Contains("CO2 140"));
        Assert.Equal(28.46592, day.Tco2, 9); // equal neighbours: the filled half hour equals what was measured
    }

    [Fact]
    public void Stacks_sum_into_an_enterprise_day_with_scope_1()
    {
        var stack = CemsModel.Compute("cems-1", QuarterHours(), 900, Day, Shanghai);
        var plant = new EnterpriseInfo("ent-1", "130102", "3110");

        var result = CemsModel.Estimate(plant, Day, [stack, stack with { DeviceId = "cems-2" }], kwh: 5000);

        Assert.Equal(2 * 28.46592, result.Tco2, 9);
        Assert.Equal("1", result.Scope);
        Assert.Equal(EstimationModel.Cems, result.Model);
        Assert.Equal(5000, result.Kwh);
        Assert.Equal([CemsModel.DensityVersion], result.FactorVersions);
    }
}
