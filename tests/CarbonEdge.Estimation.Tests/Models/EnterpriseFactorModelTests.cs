using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Estimation.Tests.Models;

public class EnterpriseFactorModelTests
{
    private static readonly EnterpriseInfo Plant = new("ent-1", "130102", "3110");

    private static EnterpriseElectricity Electricity(DateOnly day, double kwh) =>
        new(Plant, day, [new MeterDay("m-1", day, kwh, 0, 96, 96, false, null, [])]);

    [Fact]
    public void The_factor_is_verified_tCO2_over_annual_MWh_and_multiplies_the_day()
    {
        // f_e = 52 000 tCO2 / 80 000 MWh = 0.65 tCO2/MWh. Day of 200 MWh: 200 x 0.65 = 130 tCO2.
        var factor = EnterpriseFactorModel.Derive(Plant, 2025, 52_000, 80_000, "2025 verification report");
        var library = new FactorLibrary([factor]);
        var day = new DateOnly(2025, 3, 10);

        var result = EnterpriseFactorModel.Estimate(Electricity(day, 200_000), EnterpriseFactorModel.Resolve(library, Plant, day));

        Assert.Equal(0.65, factor.Value, 12);
        Assert.Equal("enterprise.ent-1.2025@v1", factor.VersionId);
        Assert.Equal(FactorStatus.Derived, factor.Status);
        Assert.Equal(130, result.Tco2, 9);
        Assert.Equal("1+2", result.Scope);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void The_next_years_days_use_the_newest_factor_with_a_caveat()
    {
        var library = new FactorLibrary([EnterpriseFactorModel.Derive(Plant, 2025, 52_000, 80_000, "2025 verification report")]);

        var match = EnterpriseFactorModel.Resolve(library, Plant, new DateOnly(2026, 11, 22));

        Assert.False(match.WithinValidity);
        Assert.Throws<EstimationInputException>(() => EnterpriseFactorModel.Resolve(library, Plant, new DateOnly(2024, 12, 31)));
    }

    [Fact]
    public void Calibration_compares_the_years_daily_estimates_with_the_verified_figure()
    {
        // 365 days of 80 000 MWh / 365 each: sum 80 000 MWh x 0.65 = 52 000 tCO2 = verified: deviation 0.
        // With 0.75 % more metered electricity (80 600 MWh): 52 390 tCO2, deviation +0.75 % > 0.5 %.
        var factor = EnterpriseFactorModel.Derive(Plant, 2025, 52_000, 80_000, "2025 verification report");
        var match = new FactorMatch(factor, Plant.Region, new DateOnly(2025, 1, 1));
        IEnumerable<EnterpriseDay> Year(double annualMwh) => Enumerable.Range(0, 365).Select(i => new DateOnly(2025, 1, 1).AddDays(i))
            .Select(d => EnterpriseFactorModel.Estimate(Electricity(d, annualMwh * 1000 / 365), match with { Day = d }));

        var exact = EnterpriseFactorModel.Calibrate(factor, 52_000, 80_000, Year(80_000));
        var high = EnterpriseFactorModel.Calibrate(factor, 52_000, 80_000, Year(80_600));
        var partial = EnterpriseFactorModel.Calibrate(factor, 52_000, 80_000, Year(80_000).Take(300));

        Assert.Equal(0, exact.RelativeDeviation, 9);
        Assert.True(exact.WithinTolerance());
        Assert.Equal(52_390, high.EstimatedTco2, 6);
        Assert.Equal(0.0075, high.RelativeDeviation, 9);
        Assert.False(high.WithinTolerance());
        Assert.Equal(300, partial.Days);
        Assert.False(partial.WithinTolerance());
    }
}
