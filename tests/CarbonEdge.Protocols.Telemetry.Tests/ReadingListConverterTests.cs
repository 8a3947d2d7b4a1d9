using System.Text;
using System.Text.Json;
using CarbonEdge.Protocols.Telemetry.Json;

namespace CarbonEdge.Protocols.Telemetry.Tests;

public class ReadingListConverterTests
{
    private static byte[] Batch(string readings) => Encoding.UTF8.GetBytes(
        $$"""{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"gw-01","seq":1,"sentAt":"2026-11-22T01:00:00.123Z","readings":[{{readings}}]}""");

    /// <summary>What the generated converter alone makes of one reading object.</summary>
    private static Reading Generated(string reading) => JsonSerializer.Deserialize(reading, TelemetryJsonContext.Default.Reading)!;

    [Theory]
    [InlineData("""{"device":"m-101","point":"energy.active.import","value":123456.78,"unit":"kWh","ts":"2026-11-22T00:59:59.900Z","quality":"good"}""", "wire form")]
    [InlineData("""{"device":"m-101","point":"power.active","value":null,"unit":"kW","ts":"2026-11-22T00:59:59.900Z","quality":"bad","reason":"timeout"}""", "bad reading")]
    [InlineData("""{"quality":"uncertain","ts":"2026-11-22T00:59:59.900Z","unit":"kWh","value":-1e-3,"point":"energy.active.import.frozen","device":"m-1","tsSource":"device","reason":null}""", "members in another order")]
    [InlineData("""{"device":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T08:59:59.9+08:00","quality":"good"}""", "offset timestamp: generated path")]
    [InlineData("""{"device":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:59:59.900Z","quality":"good","extra":{"a":[1,2]}}""", "unknown member: generated path")]
    [InlineData("""{"device":"m\u002d1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:59:59.900Z","quality":"good"}""", "escaped value: generated path")]
    [InlineData("""{"\u0064evice":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:59:59.900Z","quality":"good"}""", "escaped name: generated path")]
    [InlineData("""{"device":"m-1","device":"m-2","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:59:59.900Z","quality":"good"}""", "repeated member: generated path")]
    [InlineData("""{"device":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:59:59.900Z","quality":1}""", "quality as a number: generated path")]
    public void Reads_each_reading_as_the_generated_converter_does(string reading, string why)
    {
        Assert.True(TelemetryCodec.TryDeserialize(Batch($"{reading},{reading}"), out TelemetryBatch? batch, out string? error), $"{why}: {error}");
        var expected = Generated(reading);
        Assert.Equal([expected, expected], batch.Readings);
    }

    [Theory]
    [InlineData("""{"point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:00:00.000Z","quality":"good"}""", "device missing")]
    [InlineData("""{"device":null,"point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:00:00.000Z","quality":"good"}""", "device null")]
    [InlineData("""{"device":"m-1","point":"frequency","value":"50","unit":"Hz","ts":"2026-11-22T00:00:00.000Z","quality":"good"}""", "value as a string")]
    [InlineData("""{"device":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:00:00.000Z","quality":"excellent"}""", "unknown quality")]
    [InlineData("""{"device":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22 00:00:00Z","quality":"good"}""", "not RFC 3339")]
    public void Refuses_what_the_generated_converter_refuses_and_says_which_reading(string reading, string why)
    {
        Assert.Throws<JsonException>(() => Generated(reading));
        string good = """{"device":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:00:00.000Z","quality":"good"}""";
        Assert.False(TelemetryCodec.TryDeserialize(Batch($"{good},{reading}"), out TelemetryBatch? _, out string? error), why);
        Assert.Contains("readings[1]", error);
    }

    [Fact]
    public void Catalog_points_and_units_are_the_catalog_strings()
    {
        var bytes = Batch("""{"device":"m-1","point":"energy.active.import","value":1,"unit":"kWh","ts":"2026-11-22T00:00:00.000Z","quality":"good"},{"device":"m-1","point":"energy.x","value":1,"unit":"MWh","ts":"2026-11-22T00:00:00.000Z","quality":"good"}""");
        Assert.True(TelemetryCodec.TryDeserialize(bytes, out TelemetryBatch? batch, out _));
        Assert.True(Points.TryGet(Points.EnergyActiveImport, out var catalog));
        Assert.Same(catalog.Name, batch.Readings[0].Point);
        Assert.Same(catalog.Unit, batch.Readings[0].Unit);
        Assert.Equal(("energy.x", "MWh"), (batch.Readings[1].Point, batch.Readings[1].Unit)); // not in the catalog: read as they are, refused by validation
    }

    [Fact]
    public void Writes_what_the_generated_converter_writes()
    {
        var readings = new[]
        {
            Reading.Good("m-1", Points.Frequency, 50, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)),
            Reading.Bad("m-1", Points.PowerActive, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), "timeout") with { TsSource = TimestampSource.Device },
        };
        string json = Encoding.UTF8.GetString(TelemetryCodec.Serialize(new TelemetryBatch(TelemetrySchema.V1, "plant-01", "gw-01", 1, DateTimeOffset.UnixEpoch, readings)));
        Assert.EndsWith($"\"readings\":{JsonSerializer.Serialize<IReadOnlyList<Reading>>(readings, TelemetryJsonContext.Default.IReadOnlyListReading)}}}", json);
    }
}
