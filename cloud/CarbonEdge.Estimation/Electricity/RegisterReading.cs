using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Electricity;

/// <summary>Quality of a reading, as the telemetry contract v1 defines it.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ReadingQuality>))]
public enum ReadingQuality
{
    /// <summary>Read without error: used.</summary>
    Good,
    /// <summary>Read but doubtful (clock not synchronised, value implausible): not used for energy, not counted as complete.</summary>
    Uncertain,
    /// <summary>The device answered with an error: ignored.</summary>
    Bad,
}

/// <summary>One reading of a cumulative energy register (point <c>energy.active.import</c>).</summary>
/// <param name="Timestamp">Acquisition time (any offset; compared as UTC).</param>
/// <param name="Value">Register value in kWh as the meter shows it, before the CT x PT multiplier; ignored unless good.</param>
/// <param name="Quality">good, uncertain or bad.</param>
public readonly record struct RegisterReading(DateTimeOffset Timestamp, double Value, ReadingQuality Quality);
