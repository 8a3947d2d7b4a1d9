using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Api;

/// <summary>An enterprise as the API shows it.</summary>
internal sealed record EnterpriseDto(string Id, string Name, string Region, string Industry);

/// <summary>A site with its enterprise.</summary>
internal sealed record SiteDto(string Id, string Name, EnterpriseDto Enterprise);

/// <summary>Latest value of a point.</summary>
internal sealed record LivePointDto(double? Value, string Unit, DateTimeOffset Ts, ReadingQuality Quality, string Gateway);

/// <summary>A device with its latest values by point name.</summary>
internal sealed record LiveDeviceDto(string Id, string Name, IReadOnlyDictionary<string, LivePointDto> Points);

/// <summary>A gateway's last published status.</summary>
internal sealed record GatewayDto(string Id, GatewayState State, DateTimeOffset Since, string Version, long Buffered);

/// <summary><c>GET /api/v1/sites/{site}/live</c>.</summary>
/// <param name="Site">Site id.</param>
/// <param name="AsOf">Server time of the answer, UTC.</param>
/// <param name="TotalKw">Sum of the latest good <c>power.active</c> of the site's meters, kW.</param>
/// <param name="Devices">Devices with their latest values.</param>
/// <param name="Gateways">Gateways of the site and their status.</param>
internal sealed record LiveSiteDto(string Site, DateTimeOffset AsOf, double TotalKw, IReadOnlyList<LiveDeviceDto> Devices, IReadOnlyList<GatewayDto> Gateways);

/// <summary>A factor as results cite it: value, unit and source.</summary>
internal sealed record FactorDto(string Version, double Value, string Unit, string Region, string Status, string Document, string Clause, string? Note);

/// <summary>One <c>carbon_daily</c> row.</summary>
/// <param name="Day">Local day, <c>YYYY-MM-DD</c>.</param>
/// <param name="Method">Estimation model (<c>grid</c>, ...).</param>
/// <param name="Scope"><c>1</c>, <c>2</c> or <c>1+2</c>.</param>
/// <param name="Kwh">Electricity of the day, kWh.</param>
/// <param name="Tco2">Emissions, tCO2.</param>
/// <param name="Completeness">Share of expected intervals with good data, [0, 1].</param>
/// <param name="Estimated">True when part of the day was gap-filled.</param>
/// <param name="FactorVersion">Factor version ids used, <c>;</c>-separated.</param>
internal sealed record DailyEmissionDto(string Day, string Method, string Scope, double Kwh, double Tco2, double Completeness, bool Estimated, string FactorVersion);

/// <summary><c>GET /api/v1/enterprises/{id}/emissions/daily</c>.</summary>
internal sealed record DailyEmissionsDto(string Enterprise, string Zone, string From, string To, IReadOnlyList<DailyEmissionDto> Days, IReadOnlyDictionary<string, FactorDto> Factors);

/// <summary><c>GET /api/v1/enterprises/{id}/emissions/today</c>: today so far, computed on request, not stored.</summary>
internal sealed record TodayEmissionsDto(string Enterprise, string Day, DateTimeOffset AsOf, double Kwh, double Tco2, double Completeness, bool Estimated, string FactorVersion, IReadOnlyDictionary<string, FactorDto> Factors);
