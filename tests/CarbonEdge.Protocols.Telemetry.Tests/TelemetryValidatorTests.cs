using System.Text;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Protocols.Telemetry.Validation;

namespace CarbonEdge.Protocols.Telemetry.Tests;

public class TelemetryValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);
    private static readonly TopicAddress Topic = new(TopicKind.Telemetry, "plant-01", "gw-01", null);
    private readonly TelemetryValidator _validator = new(new FixedTime(Now));

    private static Reading Good(string point = "power.active", double value = 12.5, int secondsAgo = 10) =>
        Reading.Good("m-101", point, value, Now.AddSeconds(-secondsAgo));

    private static TelemetryBatch Batch(params Reading[] readings) =>
        new(TelemetrySchema.V1, "plant-01", "gw-01", 7, Now, readings);

    [Fact]
    public void Accepts_a_valid_batch_whole()
    {
        var result = _validator.Validate(Topic, TelemetryCodec.Serialize(Batch(Good(), Good("energy.active.import", 1000))));
        Assert.Null(result.Rejection);
        Assert.Equal(2, result.Accepted.Count);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Keeps_the_good_readings_of_a_batch_with_bad_ones()
    {
        var readings = new[]
        {
            Good(),
            Good() with { Point = "power.imaginary" },
            Good() with { Unit = "W" },
            Good() with { Device = "M 101" },
            Good() with { Value = null },
            Good() with { Quality = ReadingQuality.Bad },
            Good() with { Ts = Now.AddMinutes(6) },
            Good() with { Ts = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) },
            Good(),
            Good("frequency", 50.01, secondsAgo: 1),
        };
        var result = _validator.Validate(Topic, Batch(readings));
        Assert.Null(result.Rejection);
        Assert.Equal([readings[0], readings[9]], result.Accepted);
        Assert.Equal(
            [ReadingRejectionReason.UnknownPoint, ReadingRejectionReason.UnitMismatch, ReadingRejectionReason.InvalidDevice,
             ReadingRejectionReason.MissingValue, ReadingRejectionReason.InconsistentBadReading, ReadingRejectionReason.TimestampInFuture,
             ReadingRejectionReason.TimestampTooOld, ReadingRejectionReason.DuplicateInBatch],
            result.Rejected.Select(r => r.Reason));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], result.Rejected.Select(r => r.Index));
        Assert.All(result.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Detail)));
    }

    [Fact]
    public void A_bad_reading_with_reason_and_no_value_is_valid()
    {
        var result = _validator.Validate(Topic, Batch(Reading.Bad("m-101", "power.active", Now, "exception 0x02")));
        Assert.Single(result.Accepted);
    }

    [Fact]
    public void Clock_skew_within_the_allowance_is_accepted()
    {
        var result = _validator.Validate(Topic, Batch(Good() with { Ts = Now.AddMinutes(4) }));
        Assert.Single(result.Accepted);
    }

    [Fact]
    public void Refuses_a_batch_published_on_another_gateways_topic()
    {
        var result = _validator.Validate(Topic with { Gateway = "gw-02" }, Batch(Good()));
        Assert.Equal(BatchRejectionReason.TopicMismatch, result.Rejection!.Reason);
        Assert.Empty(result.Accepted);
    }

    [Fact]
    public void Refuses_unknown_schema_negative_seq_and_malformed_json()
    {
        Assert.Equal(BatchRejectionReason.UnsupportedSchema,
            _validator.Validate(Topic, Batch(Good()) with { Schema = "carbonedge.telemetry.v2" }).Rejection!.Reason);
        Assert.Equal(BatchRejectionReason.InvalidSeq, _validator.Validate(Topic, Batch(Good()) with { Seq = -1 }).Rejection!.Reason);
        Assert.Equal(BatchRejectionReason.MalformedPayload, _validator.Validate(Topic, Encoding.UTF8.GetBytes("{\"schema\":")).Rejection!.Reason);
    }

    [Fact]
    public void Refuses_payloads_over_256_KiB_without_parsing_them()
    {
        var payload = new byte[TelemetrySchema.MaxBatchBytes + 1];
        Assert.Equal(BatchRejectionReason.TooLarge, _validator.Validate(Topic, payload).Rejection!.Reason);
    }

    [Fact]
    public void Reason_names_are_stable_snake_case()
    {
        Assert.Equal("unknown_point", RejectionNames.Of(ReadingRejectionReason.UnknownPoint));
        Assert.Equal("malformed_payload", RejectionNames.Of(BatchRejectionReason.MalformedPayload));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
