using System.Text.Json.Serialization;

namespace CarbonEdge.Protocols.Telemetry.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for every contract payload: camelCase members, nulls omitted
/// (except <see cref="Reading.Value"/>), nullable annotations and required constructor parameters enforced
/// on read, timestamps via <see cref="Rfc3339UtcConverter"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(Rfc3339UtcConverter)])]
[JsonSerializable(typeof(TelemetryBatch))]
[JsonSerializable(typeof(IReadOnlyList<Reading>))]
[JsonSerializable(typeof(GatewayStatus))]
[JsonSerializable(typeof(GatewayCommand))]
[JsonSerializable(typeof(CommandReply))]
public sealed partial class TelemetryJsonContext : JsonSerializerContext;
