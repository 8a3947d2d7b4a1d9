using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonEdge.Protocols.Telemetry.Json;

/// <summary>
/// Reads a batch's <c>readings</c> array with one <see cref="Utf8JsonReader"/> pass per reading in the form gateways
/// write (the eight contract members, unescaped names, each once; <c>ts</c> in <see cref="Timestamps.WireFormat"/>;
/// <c>quality</c> and <c>tsSource</c> in their wire names), instead of the generated metadata converter, which for a
/// record of eight constructor parameters boxes every argument: it was most of the cloud's CPU per reading. A reading in
/// any other form (unknown or repeated members, escapes, another RFC 3339 form, wrong types) is read, or refused with
/// its error, by the generated converter exactly as before. Writing is the generated converter's.
/// </summary>
public sealed class ReadingListConverter : JsonConverter<IReadOnlyList<Reading>>
{
    [Flags]
    private enum Member
    {
        None = 0, Device = 1, Point = 2, Value = 4, Unit = 8, Ts = 16, Quality = 32, Reason = 64, TsSource = 128,
        Required = Device | Point | Value | Unit | Ts | Quality,
    }

    /// <summary>The catalog's point names and units: a reading's point and unit are these instances, not new strings.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CatalogNames =
        Points.Catalog.SelectMany(p => new[] { p.Name, p.Unit }).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <inheritdoc />
    public override IReadOnlyList<Reading> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return JsonSerializer.Deserialize(ref reader, TelemetryJsonContext.Default.IReadOnlyListReading)!; // its error, as before
        var readings = new List<Reading>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var fast = reader;
            if (TryReadWireForm(ref fast, out var reading))
            {
                reader = fast;
                readings.Add(reading);
                continue;
            }
            try
            {
                readings.Add(JsonSerializer.Deserialize(ref reader, TelemetryJsonContext.Default.Reading)!);
            }
            catch (JsonException ex)
            {
                throw new JsonException($"readings[{readings.Count}]: {ex.Message}", ex);
            }
        }
        return readings;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<Reading> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, TelemetryJsonContext.Default.IReadOnlyListReading);

    /// <summary>Reads one reading object in the wire form; false (with <paramref name="reader"/> left anywhere) for any other form.</summary>
    private static bool TryReadWireForm(ref Utf8JsonReader reader, out Reading reading)
    {
        reading = null!;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        string? device = null, point = null, unit = null, reason = null;
        double? value = null;
        DateTimeOffset ts = default;
        ReadingQuality quality = default;
        TimestampSource? tsSource = null;
        var seen = Member.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return false;
            var member = NameOf(reader.ValueSpan);
            if (member == Member.None || (seen & member) != 0 || !reader.Read()) return false;
            seen |= member;
            bool ok = member switch
            {
                Member.Device => TryText(ref reader, out device),
                Member.Point => TryCatalogText(ref reader, out point),
                Member.Unit => TryCatalogText(ref reader, out unit),
                Member.Value => TryNumber(ref reader, out value),
                Member.Ts => reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Timestamps.TryParseWire(reader.ValueSpan, out ts),
                Member.Quality => TryQuality(ref reader, out quality),
                Member.Reason => reader.TokenType == JsonTokenType.Null || TryText(ref reader, out reason),
                _ => reader.TokenType == JsonTokenType.Null || TryTsSource(ref reader, out tsSource),
            };
            if (!ok) return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject || (seen & Member.Required) != Member.Required) return false;
        reading = new Reading(device!, point!, value, unit!, ts, quality, reason, tsSource);
        return true;
    }

    private static Member NameOf(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("device"u8) => Member.Device,
        _ when name.SequenceEqual("point"u8) => Member.Point,
        _ when name.SequenceEqual("value"u8) => Member.Value,
        _ when name.SequenceEqual("unit"u8) => Member.Unit,
        _ when name.SequenceEqual("ts"u8) => Member.Ts,
        _ when name.SequenceEqual("quality"u8) => Member.Quality,
        _ when name.SequenceEqual("reason"u8) => Member.Reason,
        _ when name.SequenceEqual("tsSource"u8) => Member.TsSource,
        _ => Member.None,
    };

    private static bool TryText(ref Utf8JsonReader reader, out string? text)
    {
        text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null;
    }

    /// <summary>A point name or unit: the catalog's instance when it is one (no allocation), else a new string.</summary>
    private static bool TryCatalogText(ref Utf8JsonReader reader, out string? text)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= 64)
        {
            Span<char> chars = stackalloc char[64];
            if (Encoding.UTF8.TryGetChars(reader.ValueSpan, chars, out int length) && CatalogNames.TryGetValue(chars[..length], out text)) return true;
        }
        return TryText(ref reader, out text);
    }

    private static bool TryNumber(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double number)) return false;
        value = number;
        return true;
    }

    private static bool TryQuality(ref Utf8JsonReader reader, out ReadingQuality quality)
    {
        quality = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var text = reader.ValueSpan;
        if (text.SequenceEqual("good"u8)) quality = ReadingQuality.Good;
        else if (text.SequenceEqual("uncertain"u8)) quality = ReadingQuality.Uncertain;
        else if (text.SequenceEqual("bad"u8)) quality = ReadingQuality.Bad;
        else return false;
        return true;
    }

    private static bool TryTsSource(ref Utf8JsonReader reader, out TimestampSource? source)
    {
        source = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        if (reader.ValueSpan.SequenceEqual("gateway"u8)) source = TimestampSource.Gateway;
        else if (reader.ValueSpan.SequenceEqual("device"u8)) source = TimestampSource.Device;
        return source is not null;
    }
}
