using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Models;

public class GridModelTests
{
    private static readonly FactorLibrary Library = FactorLibrary.LoadEmbedded();
    private static readonly EnterpriseInfo Plant = new("ent-1", "130102", "3110");

    [Fact]
    public void Two_meters_are_summed_per_enterprise_and_multiplied_by_the_grid_factor()
    {
        // Meter A: 10 kWh every 15 min over the day = 960 kWh, 96/96 intervals.
        // Meter B: 0.5 kWh register advance x multiplier 80 = 40 kWh, readings only at the two midnights:
        //          intervals with a good reading: slot 0 only -> 1/96.
        // Enterprise: 960 + 40 = 1000 kWh = 1.000 MWh; tCO2 = 1.000 x 0.5703 = 0.5703 tCO2.
        // Completeness = (96 + 1) / (96 + 96) = 0.505208333...
        var a = DailyElectricity.Compute(new MeterConfig("m-a"), Every(DayStart, Quarter, 97, 0, 10), Day, Shanghai);
        var b = DailyElectricity.Compute(new MeterConfig("m-b", Multiplier: 80),
            [Good("2026-11-21T16:00:00Z", 100.0), Good("2026-11-22T16:00:00Z", 100.5)], Day, Shanghai);
        var ets = Library.ResolveGrid(Plant.Region, Day, GridCalibre.EtsReporting);

        var result = GridModel.Estimate(new EnterpriseElectricity(Plant, Day, [a, b]), ets);

        Assert.Equal(1000, result.Kwh, 9);
        Assert.Equal(0.5703, result.Tco2, 12);
        Assert.Equal(97.0 / 192, result.Completeness, 12);
        Assert.Equal(EstimationModel.Grid, result.Model);
        Assert.Equal("2", result.Scope);
        Assert.False(result.Estimated);
        Assert.Equal(["grid.ets_reporting.CN.2022@v1"], result.FactorVersions);
        // Day 2026-11-22 is after the 2022 factor's validity. (The ETS factor is national only: no region caveat.)
        var caveat = Assert.Single(result.Events, e => e.Kind == EstimationEventKind.FactorCaveat);
        Assert.Contains("used for later days as the newest published", caveat.Detail);
    }

    [Fact]
    public void The_statistical_provincial_factor_gives_a_different_and_named_result()
    {
        // 1000 kWh in Hebei, 2022: 1.000 MWh x 0.7252 kgCO2/kWh (= tCO2/MWh) = 0.7252 tCO2.
        var day = new DateOnly(2022, 6, 15);
        var (start, _) = LocalDay.UtcBounds(day, Shanghai);
        var meter = DailyElectricity.Compute(new MeterConfig("m-a"), Every(start, Quarter, 97, 0, 1000.0 / 96), day, Shanghai);
        var factor = Library.ResolveGrid(Plant.Region, day, GridCalibre.StatisticalAverage);

        var result = GridModel.Estimate(new EnterpriseElectricity(Plant, day, [meter]), factor);

        Assert.Equal(0.7252, result.Tco2, 9);
        Assert.Equal("grid.statistical_average.130000.2022@v1", result.FactorVersion);
    }

    [Fact]
    public void An_estimated_meter_makes_the_enterprise_day_estimated_with_its_method()
    {
        var estimated = DailyElectricity.Compute(new MeterConfig("m-a"),
            [Good("2026-11-21T16:00:00Z", 0), Good("2026-11-22T10:00:00Z", 180)], Day, Shanghai);

        var result = GridModel.Estimate(new EnterpriseElectricity(Plant, Day, [estimated]), Library.ResolveGrid("CN", Day));

        Assert.True(result.Estimated);
        Assert.Equal(GapFillMethod.Linear, result.GapFill);
        Assert.Contains(result.Events, e => e.Kind == EstimationEventKind.GapFilled);
    }
}
