using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Factors;

/// <summary>What a factor converts.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<FactorKind>))]
public enum FactorKind
{
    /// <summary>Grid electricity CO2 emission factor, tCO2/MWh or kgCO2/kWh (numerically equal) — DESIGN.md formula 2.</summary>
    GridEmission,
    /// <summary>Standard-coal conversion coefficient of an energy kind, kgce per unit (GB/T 2589 Annex A) — formula 3, c_k.</summary>
    StandardCoalCoefficient,
    /// <summary>CO2 emitted per tonne of standard coal equivalent, tCO2/tce — formula 3, EF_tce.</summary>
    StandardCoalCo2,
    /// <summary>IPCC 2006 default CO2 emission factor of a fuel, kgCO2/TJ (Vol. 2 Ch. 1 Table 1.4).</summary>
    FuelCo2Ipcc,
    /// <summary>Enterprise electricity-carbon factor, tCO2/MWh: verified annual tCO2 / annual MWh — formula 4.</summary>
    EnterpriseElectricityCarbon,
}

/// <summary>How far a factor's value has been checked against its source.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<FactorStatus>))]
public enum FactorStatus
{
    /// <summary>The value of an official publication, as the cited sources report it.</summary>
    Published,
    /// <summary>A third party's transcription of a standard or table whose original text could not be checked.</summary>
    Secondary,
    /// <summary>No official source found: a candidate value only. Results that use it say so.</summary>
    NotVerified,
    /// <summary>Derived by CarbonEdge from verified figures (e.g. an enterprise factor from its verified annual report).</summary>
    Derived,
    /// <summary>Given by an operator for one run (e.g. <c>--grid-factor</c>); not from the library.</summary>
    Override,
}

/// <summary>One web or file reference that backs a factor.</summary>
/// <param name="Url">Where it was read; null when the reference has no public address.</param>
/// <param name="Note">What the reference says, or why it is only partial.</param>
public sealed record FactorReference(string? Url, string Note);

/// <summary>Where a factor's value comes from.</summary>
/// <param name="Document">The publishing instrument or standard, e.g. "MEE &amp; NBS announcement dated 2024-12-20" or "GB/T 2589-2020".</param>
/// <param name="Clause">The table, annex or sentence of the document that holds the value.</param>
/// <param name="References">Public copies the value was read from.</param>
public sealed record FactorSource(string Document, string Clause, IReadOnlyList<FactorReference> References);

/// <summary>
/// A versioned factor or coefficient: a value with its unit, validity, region and source.
/// A revision keeps <see cref="Id"/> and raises <see cref="Version"/>; results record <see cref="VersionId"/>.
/// </summary>
/// <param name="Id">Stable name, e.g. <c>grid.ets_reporting.CN.2022</c>.</param>
/// <param name="Version">Revision number, from 1.</param>
/// <param name="Kind">What the factor converts.</param>
/// <param name="Subject">What it applies to: <c>electricity</c> for grid factors, the energy kind (<c>raw_coal</c>, <c>natural_gas</c>, ...) for coefficients, the fuel for IPCC factors, the enterprise id for enterprise factors.</param>
/// <param name="Calibre">For grid factors, which published series (see <see cref="GridCalibre"/>); the library never substitutes one calibre for another. Null for other kinds.</param>
/// <param name="Region"><c>CN</c> (national), a GB/T 2260 six-digit code (e.g. <c>130000</c> Hebei), a regional grid (<c>grid-north</c>, ...) or <c>world</c> (IPCC defaults).</param>
/// <param name="RegionName">Human-readable region name.</param>
/// <param name="Value">The value, in <paramref name="Unit"/>, exactly as published.</param>
/// <param name="Unit">The unit as published, e.g. <c>tCO2/MWh</c>, <c>kgCO2/kWh</c>, <c>kgce/kg</c>, <c>tCO2/tce</c>, <c>kgCO2/TJ</c>.</param>
/// <param name="ValidFrom">First day the value applies to (for grid factors: 1 January of its data year); null = no known start.</param>
/// <param name="ValidTo">Last day the value applies to, inclusive; null = open-ended.</param>
/// <param name="Status">How far the value has been checked.</param>
/// <param name="Source">Document, clause and references.</param>
/// <param name="Note">Caveats that travel with the value.</param>
public sealed record Factor(
    string Id,
    int Version,
    FactorKind Kind,
    string Subject,
    string? Calibre,
    string Region,
    string RegionName,
    double Value,
    string Unit,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    FactorStatus Status,
    FactorSource Source,
    string? Note = null)
{
    /// <summary><c>Id@vVersion</c>, e.g. <c>grid.ets_reporting.CN.2022@v1</c>: what results record.</summary>
    public string VersionId => $"{Id}@v{Version}";

    /// <summary>True when <paramref name="day"/> lies within [<see cref="ValidFrom"/>, <see cref="ValidTo"/>].</summary>
    public bool IsValidOn(DateOnly day) =>
        (ValidFrom is not { } from || day >= from) && (ValidTo is not { } to || day <= to);

    /// <summary>
    /// A factor given by an operator for one run (e.g. <c>--grid-factor 0.5703</c>), recorded as
    /// <c>override.KIND@v1</c> with status <see cref="FactorStatus.Override"/>.
    /// </summary>
    /// <param name="kind">What the factor converts.</param>
    /// <param name="subject">What it applies to, e.g. <c>electricity</c>, <c>standard_coal</c>.</param>
    /// <param name="value">The value in <paramref name="unit"/>.</param>
    /// <param name="unit">Its unit, e.g. <c>tCO2/MWh</c>.</param>
    /// <param name="origin">Where it came from, e.g. <c>command line --grid-factor</c>.</param>
    public static Factor Override(FactorKind kind, string subject, double value, string unit, string origin) =>
        new($"override.{subject}", 1, kind, subject, Calibre: kind == FactorKind.GridEmission ? "override" : null, Region: "*", RegionName: "any", value, unit,
            ValidFrom: null, ValidTo: null, FactorStatus.Override,
            new FactorSource(origin, "operator override", []));
}
