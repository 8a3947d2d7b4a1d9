using System.Text.Json.Serialization;

namespace CarbonEdge.Protocols.Telemetry;

/// <summary>Quality of a reading (telemetry contract v1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadingQuality>))]
public enum ReadingQuality
{
    /// <summary>Read without error.</summary>
    [JsonStringEnumMemberName("good")] Good,
    /// <summary>Read, but doubtful: clock not synchronised, value outside the plausible range.</summary>
    [JsonStringEnumMemberName("uncertain")] Uncertain,
    /// <summary>The device answered with an error or not at all: value null, reason set.</summary>
    [JsonStringEnumMemberName("bad")] Bad,
}

/// <summary>Whose clock a reading's timestamp comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimestampSource>))]
public enum TimestampSource
{
    /// <summary>The gateway's clock at acquisition (the default; omitted on the wire).</summary>
    [JsonStringEnumMemberName("gateway")] Gateway,
    /// <summary>The meter's own time tag, where the protocol gives one.</summary>
    [JsonStringEnumMemberName("device")] Device,
}

/// <summary>One value of one point of one device at one time (telemetry contract v1).</summary>
/// <param name="Device">Device id, <c>[a-z0-9-]{1,64}</c>.</param>
/// <param name="Point">Point name from <see cref="Points"/>.</param>
/// <param name="Value">The value in the point's unit; null exactly when <paramref name="Quality"/> is bad.</param>
/// <param name="Unit">The point's fixed unit.</param>
/// <param name="Ts">Acquisition time, UTC, millisecond precision.</param>
/// <param name="Quality">good, uncertain or bad.</param>
/// <param name="Reason">Why the reading is bad or uncertain (e.g. <c>timeout</c>, <c>exception 0x02</c>); null otherwise.</param>
/// <param name="TsSource">Set to <see cref="TimestampSource.Device"/> when the time comes from the meter; null means gateway.</param>
public sealed record Reading(
    string Device,
    string Point,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Value,
    string Unit,
    DateTimeOffset Ts,
    ReadingQuality Quality,
    string? Reason = null,
    TimestampSource? TsSource = null)
{
    /// <summary>A good reading of a catalog point, its unit taken from the catalog.</summary>
    /// <exception cref="KeyNotFoundException">Unknown point.</exception>
    public static Reading Good(string device, string point, double value, DateTimeOffset ts) =>
        new(device, point, value, Points.UnitOf(point), Timestamps.ToMilliseconds(ts), ReadingQuality.Good);

    /// <summary>A bad reading (no value) with the reason the device gave or the error seen.</summary>
    /// <exception cref="KeyNotFoundException">Unknown point.</exception>
    public static Reading Bad(string device, string point, DateTimeOffset ts, string reason) =>
        new(device, point, null, Points.UnitOf(point), Timestamps.ToMilliseconds(ts), ReadingQuality.Bad, reason);
}

/// <summary>The wire names of <see cref="ReadingQuality"/> (<c>good</c>, <c>uncertain</c>, <c>bad</c>), for stores that keep them as text.</summary>
public static class QualityNames
{
    /// <summary>The wire name.</summary>
    public static string Of(ReadingQuality quality) => quality switch
    {
        ReadingQuality.Good => "good",
        ReadingQuality.Uncertain => "uncertain",
        _ => "bad",
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? name, out ReadingQuality quality)
    {
        (bool ok, quality) = name switch
        {
            "good" => (true, ReadingQuality.Good),
            "uncertain" => (true, ReadingQuality.Uncertain),
            "bad" => (true, ReadingQuality.Bad),
            _ => (false, ReadingQuality.Bad),
        };
        return ok;
    }
}
