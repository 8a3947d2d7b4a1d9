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

/// <summary>A device as the API shows it.</summary>
internal sealed record DeviceDto(string Site, string Id, string Kind, string Name, double Multiplier, double? RolloverKwh, int IntervalSeconds);

/// <summary>A monthly energy report line as the API shows it.</summary>
internal sealed record ReportDto(string Enterprise, string Month, string EnergyKind, double Quantity, string Unit);
