using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonEdge.Protocols.Telemetry.Json;

/// <summary>
/// Writes <see cref="DateTimeOffset"/> as RFC 3339 UTC with milliseconds (<c>2026-11-22T01:00:00.123Z</c>);
/// reads any RFC 3339 date-time with a zone designator and converts it to UTC.
/// </summary>
public sealed class Rfc3339UtcConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected an RFC 3339 timestamp string, got {reader.TokenType}.");
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && Timestamps.TryParseWire(reader.ValueSpan, out var wire)) return wire; // no string, no regex
        string text = reader.GetString()!;
        return Timestamps.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 timestamp with zone (e.g. 2026-11-22T01:00:00.123Z).");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Timestamps.Format(value));
}
