using System.Text.Json;
using CarbonEdge.Firmware.Core.Storage;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Protocols.Telemetry.Validation;

namespace CarbonEdge.Firmware.Tests;

/// <summary>
/// The whole core on the host: a poll's readings reach the uplink as telemetry contract v1 batches that the
/// contract's own validator accepts, acknowledgements empty the buffer, failures are counted and reported, and the
/// poll loop allocates nothing in steady state.
/// </summary>
public sealed class TerminalTests
{
    private static readonly TopicAddress Topic = new(TopicKind.Telemetry, "plant-01", "term-01", null);

    [Fact]
    public void A_poll_reaches_the_uplink_as_batches_the_contract_validator_accepts()
    {
        var fixture = new TerminalFixture();
        fixture.NextPoll();

        var batches = fixture.Uplink.Payloads("/telemetry").ToArray();
        Assert.Equal(2, batches.Length); // energy registers first, then the other points
        var validator = new TelemetryValidator(new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(fixture.Clock.Now)));
        var readings = new List<Reading>();
        for (int i = 0; i < batches.Length; i++)
        {
            var result = validator.Validate(Topic, batches[i]);
            Assert.Null(result.Rejection);
            Assert.Empty(result.Rejected);
            Assert.Equal(i, result.Batch!.Seq);
            readings.AddRange(result.Accepted);
        }
        Assert.Equal(
            ["m-1 energy.active.import 123456.5 kWh", "m-2 energy.active.import 123456.78 kWh", "m-1 power.active 1.5 kW",
             "m-1 voltage.a 230.1 V", "m-2 voltage.a 220.1 V"],
            readings.Select(r => $"{r.Device} {r.Point} {r.Value} {r.Unit}"));
        Assert.All(readings, r => Assert.Equal(ReadingQuality.Uncertain, r.Quality)); // no SNTP, no RTC
        Assert.Equal(0, fixture.Terminal.Store.Pending);
    }

    [Fact]
    public void Status_is_retained_online_with_counters_and_the_will_says_offline()
    {
        var fixture = new TerminalFixture();
        fixture.NextPoll();

        var status = fixture.Uplink.Published.Last(p => p.Topic == "carbonedge/v1/plant-01/term-01/status");
        Assert.True(status.Retain);
        Assert.True(TelemetryCodec.TryDeserialize(status.Payload, out GatewayStatus? parsed, out string? error), error);
        Assert.Equal(GatewayState.Online, parsed.State);
        using var json = JsonDocument.Parse(status.Payload);
        Assert.Equal(5, json.RootElement.GetProperty("readings").GetInt32());
        Assert.True(TelemetryCodec.TryDeserialize(fixture.Uplink.Will!.Value.Payload, out GatewayStatus? will, out _));
        Assert.Equal(GatewayState.Offline, will.State);
        Assert.Equal("carbonedge/v1/plant-01/term-01/cmd/+", fixture.Uplink.CommandFilter);
    }

    [Fact]
    public void A_silent_meter_gives_bad_readings_named_timeout_and_the_loop_goes_on()
    {
        var fixture = new TerminalFixture(answer: false);
        fixture.Line.Cache = false;
        fixture.NextPoll();
        fixture.Answer = true;
        fixture.NextPoll();

        var validator = new TelemetryValidator(new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(fixture.Clock.Now)));
        var readings = fixture.Uplink.Payloads("/telemetry").SelectMany(b => validator.Validate(Topic, b).Accepted).ToArray();
        Assert.Equal(10, readings.Length);
        Assert.Equal(5, readings.Count(r => r.Quality == ReadingQuality.Bad && r.Reason == "timeout" && r.Value is null));
        Assert.Equal(5, fixture.Terminal.Poller.BadReadings);
    }

    [Fact]
    public void A_refused_publish_keeps_the_batch_and_sends_it_again_with_the_same_seq()
    {
        var fixture = new TerminalFixture();
        fixture.Uplink.Acknowledge = false;
        fixture.NextPoll();
        Assert.Equal(5, fixture.Terminal.Store.Pending);
        Assert.True(fixture.Terminal.Counters.PublishFailures > 0);

        fixture.Uplink.Acknowledge = true;
        fixture.NextPoll();
        var seqs = fixture.Uplink.Payloads("/telemetry").Select(b => JsonDocument.Parse(b).RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(new long[] { 0, 1 }, seqs.ToArray()[..2]);
        Assert.Equal(0, fixture.Terminal.Store.Pending);
    }

    [Fact]
    public void Read_now_polls_at_once_and_replies_with_the_correlation_id()
    {
        var fixture = new TerminalFixture();
        fixture.NextPoll();
        int requests = fixture.Line.Requests;

        byte[] command = """{"correlationId":"abc-1"}"""u8.ToArray();
        fixture.Terminal.Commands.Receive("carbonedge/v1/plant-01/term-01/cmd/read-now", command, command.Length);
        fixture.Terminal.Turn();
        fixture.Terminal.Commands.Receive("carbonedge/v1/plant-01/term-01/cmd/reboot", command, command.Length);
        fixture.Terminal.Turn();

        Assert.Equal(requests + 5, fixture.Line.Requests);
        var replies = fixture.Uplink.Payloads("/reply").ToArray();
        Assert.True(TelemetryCodec.TryDeserialize(replies[0], out CommandReply? ok, out string? error), error);
        Assert.Equal(("abc-1", true), (ok.CorrelationId, ok.Ok));
        Assert.Equal(2, ok.Result!.Value.GetProperty("devices").GetInt32());
        Assert.True(TelemetryCodec.TryDeserialize(replies[1], out CommandReply? refused, out _));
        Assert.False(refused.Ok);
        Assert.Contains("read-now", refused.Error);
    }

    [Fact]
    public void Replies_arriving_one_byte_per_read_give_the_same_readings()
    {
        var whole = new TerminalFixture();
        var dribbled = new TerminalFixture();
        dribbled.Line.ChunkSize = 1;
        whole.NextPoll();
        dribbled.NextPoll();
        Assert.Equal(whole.Uplink.Payloads("/telemetry").Select(Convert.ToHexString), dribbled.Uplink.Payloads("/telemetry").Select(Convert.ToHexString));
    }

    [Fact]
    public void A_clock_that_jumps_back_realigns_the_schedule_and_is_counted()
    {
        var fixture = new TerminalFixture();
        fixture.NextPoll();
        fixture.Clock.Now -= 3_600_000;
        fixture.NextPoll(); // the poll due an hour ahead is dropped: the schedule restarts from the new time
        fixture.NextPoll();

        Assert.Equal(2, fixture.Terminal.Poller.Polls);
        Assert.Equal(1, fixture.Terminal.Clock.Jumps);
        using var status = JsonDocument.Parse(fixture.Uplink.Payloads("/status").Last());
        Assert.Equal(1, status.RootElement.GetProperty("clockJumps").GetInt32());
    }

    [Fact]
    public void Commands_wait_in_order_and_one_beyond_the_inbox_is_counted_as_dropped()
    {
        var fixture = new TerminalFixture();
        fixture.NextPoll();
        for (int i = 1; i <= 5; i++)
        {
            byte[] command = System.Text.Encoding.ASCII.GetBytes($$"""{"correlationId":"c-{{i}}"}""");
            fixture.Terminal.Commands.Receive("carbonedge/v1/plant-01/term-01/cmd/status", command, command.Length);
        }
        for (int i = 0; i < 5; i++)
            fixture.Terminal.Turn();

        var ids = fixture.Uplink.Payloads("/reply").Select(r => JsonDocument.Parse(r).RootElement.GetProperty("correlationId").GetString());
        Assert.Equal(["c-1", "c-2", "c-3", "c-4"], ids);
        Assert.Equal(1, fixture.Terminal.Commands.Dropped);
    }

    [Fact]
    public void An_adapter_that_throws_ends_the_turn_is_counted_and_the_loop_goes_on()
    {
        var fixture = new TerminalFixture();
        fixture.Line.FailNextWrite = new IOException("ttyUSB0 unplugged");
        fixture.NextPoll();
        fixture.NextPoll();

        Assert.Equal(1, fixture.Terminal.Counters.LoopFaults);
        Assert.Equal(1, fixture.Terminal.Poller.Polls);
        using var status = JsonDocument.Parse(fixture.Uplink.Payloads("/status").Last());
        Assert.Equal(1, status.RootElement.GetProperty("loopFaults").GetInt32());
    }

    [Fact]
    public void The_poll_loop_allocates_nothing_in_steady_state()
    {
        var fixture = new TerminalFixture(pages: 4);
        fixture.Uplink.Keep = false;
        for (int i = 0; i < 50; i++) // warm up: caches, JIT, a ring wrap
            fixture.NextPoll();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
            fixture.NextPoll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(250 * 5, fixture.Terminal.Poller.Readings);
        Assert.Equal(0, fixture.Terminal.Store.Pending);
    }

    [Fact]
    public void Broker_outage_fills_the_flash_keeps_the_energy_registers_and_counts_the_lost()
    {
        var fixture = new TerminalFixture(pages: 6);
        fixture.Uplink.Reachable = false;
        for (int i = 0; i < 600; i++)
            fixture.NextPoll();

        var store = fixture.Terminal.Store;
        // 6 pages of 127 readings: 4 for the energy registers, 2 for the other points, each keeping its newest.
        Assert.True(store.LostReadings > 0);
        Assert.InRange(store.Ring(0).Pending, 3 * 127, 4 * 127);
        Assert.InRange(store.Ring(1).Pending, 127, 2 * 127);
        Assert.True(fixture.Terminal.Counters.ConnectFailures > 0);

        fixture.Uplink.Reachable = true;
        fixture.Clock.Now += 120_000;
        fixture.NextPoll();
        Assert.Equal(0, store.Pending);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
