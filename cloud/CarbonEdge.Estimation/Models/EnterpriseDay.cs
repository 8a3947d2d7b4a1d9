using CarbonEdge.Estimation.Electricity;

namespace CarbonEdge.Estimation.Models;

/// <summary>
/// One enterprise's emissions for one local day by one model: a <c>carbon_daily</c> row
/// (tags enterprise, region, industry, method = <see cref="Model"/>, scope; fields tco2, kwh, completeness,
/// factor_version, estimated).
/// </summary>
/// <param name="Enterprise">Id, GB/T 2260 region, GB/T 4754 industry.</param>
/// <param name="Day">The local day.</param>
/// <param name="Model">The estimation model.</param>
/// <param name="Scope"><c>1</c> (direct), <c>2</c> (purchased electricity) or <c>1+2</c>.</param>
/// <param name="Kwh">The day's electricity, kWh (the driver of every model but CEMS, where it is reported alongside).</param>
/// <param name="Tco2">Emissions, tCO2.</param>
/// <param name="Completeness">Share of the day's expected intervals with good data, [0, 1].</param>
/// <param name="Estimated">True when part of the inputs was gap-filled or a required input was missing.</param>
/// <param name="GapFill">The gap-fill method used when <paramref name="Estimated"/> from gap filling; null otherwise.</param>
/// <param name="FactorVersions">Version ids of every factor used (<see cref="Factors.Factor.VersionId"/>).</param>
/// <param name="Events">Meter events and factor caveats.</param>
public sealed record EnterpriseDay(
    EnterpriseInfo Enterprise,
    DateOnly Day,
    EstimationModel Model,
    string Scope,
    double Kwh,
    double Tco2,
    double Completeness,
    bool Estimated,
    GapFillMethod? GapFill,
    IReadOnlyList<string> FactorVersions,
    IReadOnlyList<EstimationEvent> Events)
{
    /// <summary>The factor versions joined with <c>;</c>, as the <c>factor_version</c> field stores them.</summary>
    public string FactorVersion => string.Join(';', FactorVersions);
}
