using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Models;

public class EnergyRatioModelTests
{
    private static readonly FactorLibrary Library = FactorLibrary.LoadEmbedded();
    private static readonly EnterpriseInfo Plant = new("ent-1", "130102", "3110");

    private static readonly MonthlyEnergyReport October = new("ent-1", Period.MonthOf(new DateOnly(2026, 10, 1)),
    [
        new("electricity", 3000, "MWh"),
        new("raw_coal", 600, "t"),
        new("diesel", 15, "t"),
        new("natural_gas", 9, "10^4 m3"),
    ]);

    private static EnterpriseElectricity Day120Mwh() => new(Plant, Day,
        [DailyElectricity.Compute(new MeterConfig("m-1"), [Good("2026-11-21T16:00:00Z", 0), Good("2026-11-22T16:00:00Z", 120_000)], Day, Shanghai)]);

    [Fact]
    public void Last_months_energy_mix_is_scaled_by_electricity_and_converted_through_standard_coal()
    {
        // E_d = 120 MWh, E_lastMonth = 3000 MWh: ratio 0.04.
        // raw coal    0.04 x 600 t  = 24 t        = 24 000 kg x 0.7143 kgce/kg = 17 143.2 kgce = 17.1432 tce
        // diesel      0.04 x 15 t   = 0.6 t       =    600 kg x 1.4571 kgce/kg =    874.26 kgce =  0.87426 tce
        // natural gas 0.04 x 9 10^4 m3 = 0.36 10^4 m3 = 3 600 m3 x 1.2143 kgce/m3 = 4 371.48 kgce = 4.37148 tce
        // sum 22.38894 tce x 2.66 tCO2/tce (not verified) = 59.5545804 tCO2
        var result = EnergyRatioModel.Estimate(Day120Mwh(), October, Library);

        Assert.Equal(120_000, result.Kwh, 9);
        Assert.Equal(59.5545804, result.Tco2, 9);
        Assert.Equal(EstimationModel.EnergyRatio, result.Model);
        Assert.Equal("1", result.Scope);
        Assert.Equal(
            ["tce_co2.standard_coal@v1", "coal_coefficient.raw_coal@v1", "coal_coefficient.diesel@v1", "coal_coefficient.natural_gas@v1"],
            result.FactorVersions);
        Assert.Contains(result.Events, e => e.Kind == EstimationEventKind.FactorCaveat && e.Subject == "tce_co2.standard_coal@v1" && e.Detail.Contains("NOT VERIFIED"));
    }

    [Fact]
    public void The_tce_factor_can_be_overridden_for_a_run_and_the_result_names_the_override()
    {
        // 22.38894 tce x 2.5 tCO2/tce = 55.97235 tCO2
        var tce = new FactorMatch(Factor.Override(FactorKind.StandardCoalCo2, "standard_coal", 2.5, "tCO2/tce", "--tce-factor"), Plant.Region, Day);

        var result = EnergyRatioModel.Estimate(Day120Mwh(), October, Library, tce);

        Assert.Equal(55.97235, result.Tco2, 9);
        Assert.Equal("override.standard_coal@v1", result.FactorVersions[0]);
        Assert.DoesNotContain(result.Events, e => e.Subject == "tce_co2.standard_coal@v1");
    }

    [Fact]
    public void Missing_electricity_line_unknown_kind_wrong_unit_and_wrong_month_are_refused_with_reasons()
    {
        var noElectricity = October with { Lines = [new("raw_coal", 600, "t")] };
        var unknownKind = October with { Lines = [.. October.Lines, new("unobtainium", 1, "t")] };
        var wrongUnit = October with { Lines = [.. October.Lines, new("lpg", 1, "10^4 m3")] };
        var september = October with { Month = Period.MonthOf(new DateOnly(2026, 9, 1)) };

        Assert.Contains("no positive electricity line", Assert.Throws<EstimationInputException>(() => EnergyRatioModel.Estimate(Day120Mwh(), noElectricity, Library)).Message);
        Assert.Contains("'unobtainium'", Assert.Throws<EstimationInputException>(() => EnergyRatioModel.Estimate(Day120Mwh(), unknownKind, Library)).Message);
        Assert.Contains("'10^4 m3' cannot be converted to kg", Assert.Throws<EstimationInputException>(() => EnergyRatioModel.Estimate(Day120Mwh(), wrongUnit, Library)).Message);
        Assert.Contains("not the month before", Assert.Throws<EstimationInputException>(() => EnergyRatioModel.Estimate(Day120Mwh(), september, Library)).Message);
    }
}
