using System.Text.Json.Serialization;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Estimation.Rollups;

/// <summary>Where a roll-up row sits: an enterprise over a longer period, an industry, or a GB/T 2260 region level.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RollupLevel>))]
public enum RollupLevel
{
    /// <summary>One enterprise, month/quarter/year (children: its days, months, quarters).</summary>
    Enterprise,
    /// <summary>All enterprises of one GB/T 4754 industry code.</summary>
    Industry,
    /// <summary>A county-level division (code xxxxxx).</summary>
    County,
    /// <summary>A prefecture-level city (code xxxx00).</summary>
    City,
    /// <summary>A province-level division (code xx0000).</summary>
    Province,
}

/// <summary>
/// One parent of a roll-up (a <c>carbon_rollup</c> row): the sum of its children with the consistency check,
/// the number of children missing and the completeness.
/// </summary>
/// <param name="Key">Enterprise id, <c>industry:CODE</c> or <c>region:CODE</c>.</param>
/// <param name="Level">Enterprise, industry, county, city or province.</param>
/// <param name="Period">Day, month, quarter or year.</param>
/// <param name="Model">The estimation model summed (models are never summed together).</param>
/// <param name="Kwh">Sum of the children's kWh.</param>
/// <param name="Tco2">Sum of the children's tCO2.</param>
/// <param name="Completeness">Mean completeness over the expected children's days or enterprises, a missing one counting 0; [0, 1].</param>
/// <param name="Estimated">True when a child is estimated or missing.</param>
/// <param name="Children">Direct children present (days of a month, months of a quarter, enterprises of a county, counties of a city, ...).</param>
/// <param name="ChildrenMissing">Expected children without a result: days (or months, quarters) for an enterprise, enterprises for industries and regions.</param>
/// <param name="ReferenceKwh">An independent figure for the parent, kWh (e.g. the register difference over the whole period), when there is one.</param>
/// <param name="ReferenceTco2">An independent figure for the parent, tCO2, when there is one.</param>
/// <param name="Consistent">True when the reference figures (where given) equal the sums within <see cref="Consistency.Tolerance"/>; without a reference the parent is the sum of its children as built.</param>
/// <param name="FactorVersions">Every factor version the children used.</param>
public sealed record RollupRow(
    string Key,
    RollupLevel Level,
    Period Period,
    EstimationModel Model,
    double Kwh,
    double Tco2,
    double Completeness,
    bool Estimated,
    int Children,
    int ChildrenMissing,
    double? ReferenceKwh,
    double? ReferenceTco2,
    bool Consistent,
    IReadOnlyList<string> FactorVersions);

/// <summary>An independent figure for an enterprise's period (e.g. formula 1 over the whole month), to check the roll-up of its days against.</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="Period">Month, quarter or year.</param>
/// <param name="Model">The model the figure is for.</param>
/// <param name="Kwh">Electricity of the period, kWh.</param>
/// <param name="Tco2">Emissions of the period, tCO2, when known independently.</param>
public sealed record RollupReference(string EnterpriseId, Period Period, EstimationModel Model, double Kwh, double? Tco2);
