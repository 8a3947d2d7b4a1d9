using System.Text.Json.Serialization;

namespace CarbonEdge.Cloud.Registry;

/// <summary>Source-generated JSON of the registry seed file (camelCase, required members enforced).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(RegistrySeed))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
