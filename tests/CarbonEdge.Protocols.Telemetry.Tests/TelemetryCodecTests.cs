using System.Text;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Protocols.Telemetry.Tests;

public class TelemetryCodecTests
{
    // The example payload of DESIGN.md "Telemetry contract v1", byte for byte as we write it.
    private const string DesignExample =
        """{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"gw-01","seq":1042,"sentAt":"2026-11-22T01:00:00.123Z","readings":[{"device":"m-101","point":"energy.active.import","value":123456.78,"unit":"kWh","ts":"2026-11-22T00:59:59.900Z","quality":"good"}]}""";

    private static TelemetryBatch Example() => new(TelemetrySchema.V1, "plant-01", "gw-01", 1042,
        DateTimeOffset.Parse("2026-11-22T01:00:00.123Z"),
        [new Reading("m-101", "energy.active.import", 123456.78, "kWh", DateTimeOffset.Parse("2026-11-22T00:59:59.900Z"), ReadingQuality.Good)]);

    [Fact]
    public void Serializes_the_design_example_exactly()
    {
        Assert.Equal(DesignExample, Encoding.UTF8.GetString(TelemetryCodec.Serialize(Example())));
    }

    [Fact]
    public void Decodes_the_design_example()
    {
        Assert.True(TelemetryCodec.TryDeserialize(Encoding.UTF8.GetBytes(DesignExample), out TelemetryBatch? batch, out _));
        var reading = Assert.Single(batch.Readings);
        Assert.Equal(1042, batch.Seq);
        Assert.Equal(123456.78, reading.Value);
        Assert.Equal(ReadingQuality.Good, reading.Quality);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 59, 59, 900, TimeSpan.Zero), reading.Ts);
        Assert.Null(reading.TsSource);
    }

    [Fact]
    public void Bad_reading_keeps_value_null_and_reason_on_the_wire()
    {
        var bad = Reading.Bad("m-101", "power.active", DateTimeOffset.Parse("2026-11-22T00:00:00Z"), "timeout");
        var batch = Example() with { Readings = [bad] };
        string json = Encoding.UTF8.GetString(TelemetryCodec.Serialize(batch));
        Assert.Contains("\"value\":null", json);
        Assert.Contains("\"quality\":\"bad\",\"reason\":\"timeout\"", json);
        Assert.True(TelemetryCodec.TryDeserialize(Encoding.UTF8.GetBytes(json), out TelemetryBatch? back, out _));
        Assert.Equal(bad, Assert.Single(back.Readings));
    }

    [Fact]
    public void Device_time_source_round_trips()
    {
        var reading = Example().Readings[0] with { TsSource = TimestampSource.Device };
        byte[] json = TelemetryCodec.Serialize(Example() with { Readings = [reading] });
        Assert.Contains("\"tsSource\":\"device\"", Encoding.UTF8.GetString(json));
        Assert.True(TelemetryCodec.TryDeserialize(json, out TelemetryBatch? back, out _));
        Assert.Equal(TimestampSource.Device, back.Readings[0].TsSource);
    }

    [Fact]
    public void Timestamps_with_offsets_are_read_as_utc()
    {
        string json = DesignExample.Replace("2026-11-22T00:59:59.900Z", "2026-11-22T08:59:59.9+08:00");
        Assert.True(TelemetryCodec.TryDeserialize(Encoding.UTF8.GetBytes(json), out TelemetryBatch? batch, out _));
        Assert.Equal(TimeSpan.Zero, batch.Readings[0].Ts.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 59, 59, 900, TimeSpan.Zero), batch.Readings[0].Ts);
    }

    [Theory]
    [InlineData("2026-11-22T00:59:59.900", "zone designator missing")]
    [InlineData("2026-11-22 00:59:59Z", "space instead of T")]
    [InlineData("22/11/2026 00:59:59", "not RFC 3339")]
    [InlineData("1700000000000", "epoch number as string")]
    public void Timestamps_that_are_not_rfc3339_are_refused(string ts, string why)
    {
        string json = DesignExample.Replace("2026-11-22T00:59:59.900Z", ts);
        Assert.False(TelemetryCodec.TryDeserialize(Encoding.UTF8.GetBytes(json), out TelemetryBatch? _, out string? error), why);
        Assert.Contains("RFC 3339", error);
    }

    [Theory]
    [InlineData("2026-11-22T00:59:59.900Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.999Z")]
    public void Wire_timestamps_read_without_allocating_agree_with_the_general_parser(string ts)
    {
        Assert.True(Timestamps.TryParseWire(Encoding.UTF8.GetBytes(ts), out var wire));
        Assert.True(Timestamps.TryParse(ts, out var general));
        Assert.Equal(general, wire);
        Assert.Equal(TimeSpan.Zero, wire.Offset);
    }

    [Theory]
    [InlineData("2026-11-22T00:59:59.9Z", "fewer fraction digits")]
    [InlineData("2026-11-22t00:59:59.900Z", "lowercase t")]
    [InlineData("2026-11-22T08:59:59.900+08:00", "offset")]
    [InlineData("2025-02-29T00:00:00.000Z", "no such day")]
    [InlineData("2026-13-01T00:00:00.000Z", "no such month")]
    [InlineData("2026-11-22T24:00:00.000Z", "hour 24")]
    [InlineData("2026-12-31T23:59:60.000Z", "leap second")]
    [InlineData("2026-11-22T00:5a:59.900Z", "not a digit")]
    public void Other_timestamps_are_left_to_the_general_parser(string ts, string why)
    {
        Assert.False(Timestamps.TryParseWire(Encoding.UTF8.GetBytes(ts), out _), why);
        string json = DesignExample.Replace("2026-11-22T00:59:59.900Z", ts);
        bool general = Timestamps.TryParse(ts, out var expected);
        Assert.Equal(general, TelemetryCodec.TryDeserialize(Encoding.UTF8.GetBytes(json), out TelemetryBatch? batch, out _));
        if (general) Assert.Equal(expected, batch!.Readings[0].Ts);
    }

    [Theory]
    [InlineData("{", "truncated")]
    [InlineData("[]", "array")]
    [InlineData("null", "null")]
    [InlineData("""{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"gw-01","sentAt":"2026-11-22T01:00:00.123Z","readings":[]}""", "seq missing")]
    [InlineData("""{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"gw-01","seq":1,"sentAt":"2026-11-22T01:00:00.123Z","readings":null}""", "readings null")]
    [InlineData("""{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"gw-01","seq":"1","sentAt":"2026-11-22T01:00:00.123Z","readings":[]}""", "seq as string")]
    [InlineData("""{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"gw-01","seq":1,"sentAt":"2026-11-22T01:00:00.123Z","readings":[{"device":"m-1","point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:00:00Z","quality":"excellent"}]}""", "unknown quality")]
    [InlineData("""{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"gw-01","seq":1,"sentAt":"2026-11-22T01:00:00.123Z","readings":[{"point":"frequency","value":50,"unit":"Hz","ts":"2026-11-22T00:00:00Z","quality":"good"}]}""", "device missing")]
    public void Malformed_payloads_are_errors_not_exceptions(string json, string why)
    {
        Assert.False(TelemetryCodec.TryDeserialize(Encoding.UTF8.GetBytes(json), out TelemetryBatch? batch, out string? error), why);
        Assert.Null(batch);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Status_payload_matches_the_contract()
    {
        var status = new GatewayStatus(GatewayState.Offline, DateTimeOffset.Parse("2026-11-22T01:00:00Z"), "0.1.0", 12);
        Assert.Equal("""{"state":"offline","since":"2026-11-22T01:00:00.000Z","version":"0.1.0","buffered":12}""",
            Encoding.UTF8.GetString(TelemetryCodec.Serialize(status)));
    }

    [Fact]
    public void Command_keeps_its_arguments_and_reply_its_correlation_id()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"correlationId":"c-7","device":"m-101"}""");
        Assert.True(TelemetryCodec.TryDeserialize(json, out GatewayCommand? command, out _));
        Assert.Equal("c-7", command.CorrelationId);
        Assert.Equal("m-101", command.Arguments!["device"].GetString());
        Assert.Equal("""{"correlationId":"c-7","ok":false,"error":"unknown device"}""",
            Encoding.UTF8.GetString(TelemetryCodec.Serialize(new CommandReply("c-7", false, "unknown device"))));
    }
}
