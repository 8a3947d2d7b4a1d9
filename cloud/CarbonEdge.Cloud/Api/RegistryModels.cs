namespace CarbonEdge.Cloud.Api;

/// <summary><c>PUT /api/v1/enterprises/{id}</c>: name, GB/T 2260 county code, GB/T 4754 industry code.</summary>
internal sealed record EnterpriseBody(string? Name, string? Region, string? Industry);

/// <summary><c>PUT /api/v1/sites/{site}</c>: owning enterprise and name.</summary>
internal sealed record SiteBody(string? Enterprise, string? Name);

/// <summary><c>PUT /api/v1/sites/{site}/devices/{device}</c>.</summary>
/// <param name="Kind"><c>meter</c> or <c>cems</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Multiplier">CT x PT ratio, &gt; 0 (default 1).</param>
/// <param name="RolloverKwh">Register maximum, kWh, or null.</param>
/// <param name="IntervalSeconds">Nominal polling interval, s, &gt; 0 (default 60).</param>
internal sealed record DeviceBody(string? Kind, string? Name, double? Multiplier, double? RolloverKwh, int? IntervalSeconds);

/// <summary><c>PUT /api/v1/enterprises/{id}/reports/{month}/{kind}</c>: quantity consumed in the month, in a unit fitting the energy kind.</summary>
internal sealed record ReportBody(double? Quantity, string? Unit);

/// <summary><c>POST /api/v1/factors</c>: a new factor, or a new version of an existing id (same kind, subject, calibre and region).</summary>
/// <param name="Id">Factor id, e.g. <c>grid.ets_reporting.320000.2026</c>: a letter or digit, then letters, digits, <c>. _ -</c>, at most 100.</param>
/// <param name="Kind"><c>grid_emission</c>, <c>standard_coal_coefficient</c>, <c>standard_coal_co2</c> or <c>fuel_co2_ipcc</c>
/// (enterprise factors are derived from verified figures, not written).</param>
/// <param name="Subject">What it applies to: <c>electricity</c> for grid factors, the energy kind or fuel otherwise (<c>[a-z0-9_]</c>).</param>
/// <param name="Calibre">Grid factors only: <c>ets_reporting</c>, <c>statistical_average</c>, ...</param>
/// <param name="Region"><c>CN</c>, <c>world</c>, a GB/T 2260 six-digit code or a regional grid <c>grid-NAME</c>.</param>
/// <param name="RegionName">Human-readable region name (default the region).</param>
/// <param name="Value">The value in <paramref name="Unit"/>, finite and &gt; 0.</param>
/// <param name="Unit">A unit fitting the kind: tCO2/MWh or kgCO2/kWh (grid), kgce/kg, kgce/m3, kgce/kWh, kgce/MJ (coefficients), tCO2/tce, kgCO2/TJ.</param>
/// <param name="Year">Data year, 1990 to next year: the factor applies from 1 January to 31 December of it.</param>
/// <param name="Source">The publishing document (required, at most 500 characters).</param>
/// <param name="Clause">Table, annex or sentence of the document.</param>
/// <param name="Url">Where it was read (absolute http or https), or null.</param>
/// <param name="Status"><c>published</c> (default), <c>secondary</c> or <c>not_verified</c>.</param>
/// <param name="Note">Caveats that travel with the value.</param>
internal sealed record FactorBody(string? Id, string? Kind, string? Subject, string? Calibre, string? Region, string? RegionName, double? Value,
    string? Unit, int? Year, string? Source, string? Clause, string? Url, string? Status, string? Note);

/// <summary>A device as the API shows it.</summary>
internal sealed record DeviceDto(string Site, string Id, string Kind, string Name, double Multiplier, double? RolloverKwh, int IntervalSeconds);

/// <summary>A monthly energy report line as the API shows it.</summary>
internal sealed record ReportDto(string Enterprise, string Month, string EnergyKind, double Quantity, string Unit);
