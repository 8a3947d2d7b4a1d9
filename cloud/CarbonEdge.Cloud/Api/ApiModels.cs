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

/// <summary>A gateway's last published status; <paramref name="Evicted"/>: readings its full buffer evicted, by kind (null from older gateways).</summary>
internal sealed record GatewayDto(string Id, GatewayState State, DateTimeOffset Since, string Version, long Buffered, IReadOnlyDictionary<string, long>? Evicted);

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

/// <summary>One <c>carbon_rollup</c> row: a period's sum of its children, with what is missing and the consistency check.</summary>
/// <param name="Period">The period: <c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY-Qn</c> or <c>YYYY</c>.</param>
/// <param name="Method">Estimation model (<c>grid</c>, <c>energy_ratio</c>, <c>enterprise_factor</c>, <c>cems</c>); models are never summed together.</param>
/// <param name="Scope"><c>1</c>, <c>2</c> or <c>1+2</c>.</param>
/// <param name="Kwh">Sum of the children's electricity, kWh.</param>
/// <param name="Tco2">Sum of the children's emissions, tCO2.</param>
/// <param name="Completeness">Mean completeness over the expected children, a missing one counting 0, [0, 1].</param>
/// <param name="Estimated">True when a child is estimated or missing.</param>
/// <param name="Children">Children present: days of a month, months of a quarter, quarters of a year; enterprises of an industry or county, counties of a city, cities of a province.</param>
/// <param name="ChildrenMissing">Expected children without a result (days, months, quarters; enterprises).</param>
/// <param name="ReferenceKwh">The independent figure checked against, kWh (meter readings at the period's ends), or null when there is none.</param>
/// <param name="ReferenceTco2">The independent figure checked against, tCO2, or null.</param>
/// <param name="Consistent">True when the sums are within 0.5 % of the references (or there is no reference).</param>
/// <param name="FactorVersions">Every factor version the children used.</param>
internal sealed record RollupEmissionDto(string Period, string Method, string Scope, double Kwh, double Tco2, double Completeness, bool Estimated,
    int Children, int ChildrenMissing, double? ReferenceKwh, double? ReferenceTco2, bool Consistent, IReadOnlyList<string> FactorVersions);

/// <summary><c>GET /api/v1/enterprises/{id}/emissions/{month|quarter|year}</c>.</summary>
internal sealed record EnterpriseRollupsDto(string Enterprise, string Zone, string Period, string From, string To,
    IReadOnlyList<RollupEmissionDto> Periods, IReadOnlyDictionary<string, FactorDto> Factors);

/// <summary><c>GET /api/v1/regions/{code}/emissions/{daily|monthly|quarterly|yearly}</c>.</summary>
/// <param name="Region">GB/T 2260 code.</param>
/// <param name="Level"><c>county</c>, <c>city</c> or <c>province</c>.</param>
/// <param name="Industry">The GB/T 4754 industry the roll-up is limited to, or null for all.</param>
/// <param name="Enterprises">Enterprises registered under the region (and industry).</param>
/// <param name="Zone">Time zone of the days.</param>
/// <param name="Period"><c>day</c>, <c>month</c>, <c>quarter</c> or <c>year</c>.</param>
/// <param name="From">First period asked for.</param>
/// <param name="To">Last period asked for.</param>
/// <param name="Periods">The stored roll-ups, by period then method.</param>
/// <param name="Factors">The factors their versions name.</param>
internal sealed record RegionRollupsDto(string Region, string Level, string? Industry, int Enterprises, string Zone, string Period, string From, string To,
    IReadOnlyList<RollupEmissionDto> Periods, IReadOnlyDictionary<string, FactorDto> Factors);
