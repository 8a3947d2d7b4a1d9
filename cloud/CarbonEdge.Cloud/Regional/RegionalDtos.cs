using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace CarbonEdge.Cloud.Regional;

/// <summary>A rejected input line.</summary>
internal sealed record RejectedLineDto(string File, long Line, int Column, string ColumnName, string Reason);

/// <summary>The answer to an import: lines read, accepted, rejected (each named), and the provinces and years recomputed.</summary>
internal sealed record RegionalImportDto(long Lines, long Accepted, bool Imported, IReadOnlyList<RejectedLineDto> Rejected, IReadOnlyList<string> Recomputed);

/// <summary>One period of a region's domain.</summary>
internal sealed record RegionPeriodDto(string Period, string PeriodStart, double Tco2, double Tce, double? Kwh, string Method, double Completeness, bool Consistent,
    IReadOnlyList<string> FactorVersions);

/// <summary>A region's domain (or one industry of it) over a range of periods.</summary>
internal sealed record RegionDomainEmissionsDto(string Region, string Level, string Domain, string? Industry, string Zone, string PeriodKind, string From, string To,
    IReadOnlyList<RegionPeriodDto> Periods);

/// <summary>One Table 1 indicator.</summary>
internal sealed record IndicatorDto(string Name, double? Value, long Numerator, long Denominator, double Target, string Rule, bool Met);

/// <summary>A failed check.</summary>
internal sealed record CheckDto(string Kind, string Region, string Domain, string Industry, string Period, double Value, double Reference, double Difference, double Completeness);

/// <summary>The latest run of the province holding a region: Table 1 indicators, checks, missing inputs, anomalies, interpolations.</summary>
internal sealed record RegionIndicatorsDto(string Region, string Province, DateTimeOffset RanAt, string From, string To, IReadOnlyList<IndicatorDto> Indicators,
    int Checks, int ChecksFailed, IReadOnlyList<CheckDto> Failed, IReadOnlyList<string> Missing, IReadOnlyList<string> Anomalies, IReadOnlyList<string> Interpolations);

/// <summary>A region's domains and industries for one period (the regulator's stacked chart).</summary>
internal sealed record RegionBreakdownDto(string Region, string Level, string Period, IReadOnlyList<RegionBreakdownRowDto> Rows);

/// <summary>One domain or industry of a region in the period.</summary>
internal sealed record RegionBreakdownRowDto(string Domain, string? Industry, double Tco2, double Tce, bool Consistent);

/// <summary>An enterprise under a region: tCO2 and intensity (tCO2/MWh) over a range, by the grid model.</summary>
internal sealed record EnterpriseRankDto(string Enterprise, string Region, string Industry, double Tco2, double Mwh, double? Intensity);

/// <summary>Enterprises under a region ranked by tCO2.</summary>
internal sealed record EnterpriseRankingDto(string Region, string From, string To, IReadOnlyList<EnterpriseRankDto> Enterprises);

/// <summary>Source-generated JSON of the region endpoints (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RegionalImportDto))]
[JsonSerializable(typeof(RegionDomainEmissionsDto))]
[JsonSerializable(typeof(RegionIndicatorsDto))]
[JsonSerializable(typeof(RegionBreakdownDto))]
[JsonSerializable(typeof(EnterpriseRankingDto))]
[JsonSerializable(typeof(CarbonEdge.Cloud.Api.ProblemDetailsDto))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class RegionalJsonContext : JsonSerializerContext;
