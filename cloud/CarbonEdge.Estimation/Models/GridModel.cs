using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Estimation.Models;

/// <summary>
/// Indirect (scope 2) emissions of purchased electricity, DESIGN.md formula 2:
/// <c>tCO2 = E_d [MWh] x EF_grid [tCO2/MWh]</c>, EF_grid by region and year (e.g. the national grid average for ETS
/// reporting 2022, 0.5703 tCO2/MWh, MEE notice on 2023–2025 power-sector GHG reporting).
/// </summary>
public static class GridModel
{
    /// <summary>Scope-2 emissions of an enterprise's day.</summary>
    /// <param name="electricity">The enterprise's electricity for the day (its meters summed).</param>
    /// <param name="gridFactor">The grid factor chosen for the enterprise's region and the day (<see cref="FactorLibrary.ResolveGrid"/>), or an override.</param>
    /// <exception cref="ArgumentException">The factor is not a grid factor in tCO2/MWh or kgCO2/kWh.</exception>
    public static EnterpriseDay Estimate(EnterpriseElectricity electricity, FactorMatch gridFactor)
    {
        var ef = Units.TonnesCo2PerMwh(gridFactor.Factor);
        var kwh = electricity.Kwh;
        var events = new List<EstimationEvent>(electricity.Events);
        events.AddRange(gridFactor.CaveatEvents());
        return new EnterpriseDay(electricity.Enterprise, electricity.Day, EstimationModel.Grid, "2",
            kwh, kwh / 1000.0 * ef, electricity.Completeness, electricity.Estimated, electricity.GapFill,
            [gridFactor.Factor.VersionId], events);
    }
}
