using System.Text.Json.Serialization;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Protocols.Telemetry.Json;

namespace CarbonEdge.Cloud.Api;

/// <summary>Source-generated JSON of the sign-in, registry management and audit endpoints (camelCase, RFC 3339 UTC).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(Rfc3339UtcConverter)])]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(CallerDto))]
[JsonSerializable(typeof(Page<EnterpriseDto>))]
[JsonSerializable(typeof(Page<SiteDto>))]
[JsonSerializable(typeof(Page<DeviceDto>))]
[JsonSerializable(typeof(Page<FactorDto>))]
[JsonSerializable(typeof(IReadOnlyList<ReportDto>))]
[JsonSerializable(typeof(EnterpriseBody))]
[JsonSerializable(typeof(SiteBody))]
[JsonSerializable(typeof(DeviceBody))]
[JsonSerializable(typeof(ReportBody))]
[JsonSerializable(typeof(FactorBody))]
[JsonSerializable(typeof(FactorDto))]
[JsonSerializable(typeof(EnterpriseDto))]
[JsonSerializable(typeof(Registry.SiteInfo))]
[JsonSerializable(typeof(DeviceDto))]
[JsonSerializable(typeof(ReportDto))]
[JsonSerializable(typeof(AuditPageDto))]
[JsonSerializable(typeof(ProvisionRequest))]
[JsonSerializable(typeof(ProvisionedDto))]
internal sealed partial class AccessJsonContext : JsonSerializerContext;
