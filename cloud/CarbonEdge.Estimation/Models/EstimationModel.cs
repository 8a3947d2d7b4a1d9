using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Models;

/// <summary>The estimation models of DESIGN.md; the wire name (<see cref="WireName"/>) is the <c>method</c> tag of <c>carbon_daily</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<EstimationModel>))]
public enum EstimationModel
{
    /// <summary><c>grid</c>: indirect emissions of purchased electricity, tCO2 = MWh x EF_grid (formula 2), scope 2.</summary>
    Grid,
    /// <summary><c>energy_ratio</c>: last month's energy-by-kind scaled by electricity, converted through standard coal (formula 3), scope 1.</summary>
    EnergyRatio,
    /// <summary><c>enterprise_factor</c>: tCO2 = MWh x the enterprise's verified tCO2/MWh (formula 4), scopes 1 and 2.</summary>
    EnterpriseFactor,
    /// <summary><c>cems</c>: stack CO2 measured by a continuous emission monitoring system (formula 5), scope 1.</summary>
    Cems,
    /// <summary><c>proportional</c>: a period's emissions disaggregated to days by electricity share ("other sectors").</summary>
    Proportional,
}
