using System.Text.Json.Serialization;
using CarbonEdge.Protocols.Telemetry.Json;
using Microsoft.AspNetCore.Mvc;

namespace CarbonEdge.Cloud.Api;

/// <summary>Source-generated JSON of the REST API: camelCase, RFC 3339 UTC timestamps with milliseconds.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(Rfc3339UtcConverter)])]
[JsonSerializable(typeof(IReadOnlyList<SiteDto>))]
[JsonSerializable(typeof(LiveSiteDto))]
[JsonSerializable(typeof(DailyEmissionsDto))]
[JsonSerializable(typeof(TodayEmissionsDto))]
[JsonSerializable(typeof(StacksTodayDto))]
[JsonSerializable(typeof(EnterpriseRollupsDto))]
[JsonSerializable(typeof(RegionRollupsDto))]
[JsonSerializable(typeof(IngestionDto))]
[JsonSerializable(typeof(DeadLetterPageDto))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(ProblemDetailsDto))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
