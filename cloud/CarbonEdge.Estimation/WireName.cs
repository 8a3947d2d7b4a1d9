using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation;

/// <summary>The snake_case names enums carry in files, CSV and InfluxDB tags (e.g. <c>NotVerified</c> -> <c>not_verified</c>).</summary>
public static class WireName
{
    /// <summary>The snake_case name of an enum value.</summary>
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>Serializes an enum by its <see cref="WireName"/>.</summary>
internal sealed class SnakeCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where T : struct, Enum;
