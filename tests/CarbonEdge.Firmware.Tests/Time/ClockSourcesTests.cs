using CarbonEdge.Firmware.Core.Time;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Protocols.Telemetry.Validation;

namespace CarbonEdge.Firmware.Tests.Time;

/// <summary>
/// Where the terminal's time comes from: an SNTP server (a responder built on the codec, 90 s ahead of the board
/// clock), the RTC at boot, or nothing (readings uncertain); an unreachable server is counted.
/// </summary>
public sealed class ClockSourcesTests
{
    private const long ServerAhead = 90_000;

    [Fact]
    public void Sntp_sets_the_clock_and_readings_are_good_at_the_server_s_time()
    {
        var fixture = new TerminalFixture(sntp: new Responder(() => TerminalFixture.Start + ServerAhead));
        fixture.NextPoll();

        Assert.Equal(ClockQuality.Sntp, fixture.Terminal.Clock.Quality);
        var batch = fixture.Uplink.Payloads("/telemetry").First();
        Assert.True(TelemetryCodec.TryDeserialize(batch, out TelemetryBatch? parsed, out _));
        Assert.All(parsed.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        long expected = fixture.Clock.Now + ServerAhead - (fixture.Clock.Now - TerminalFixture.Start);
        Assert.InRange(parsed.Readings[0].Ts.ToUnixTimeMilliseconds(), expected - 1, fixture.Clock.Now + ServerAhead);
    }

    [Fact]
    public void An_unreachable_server_is_counted_and_readings_stay_uncertain()
    {
        var fixture = new TerminalFixture(sntp: new Responder(null));
        fixture.NextPoll();

        Assert.Equal(1, fixture.Terminal.Counters.SntpFailures);
        var readings = fixture.Uplink.Payloads("/telemetry")
            .SelectMany(b => { TelemetryCodec.TryDeserialize(b, out TelemetryBatch? p, out _); return p!.Readings; });
        Assert.All(readings, r => Assert.Equal(("uncertain", "clock not synchronised"), (QualityNames.Of(r.Quality), r.Reason)));
    }

    [Fact]
    public void The_rtc_gives_the_time_at_boot()
    {
        var rtc = new FixedRtc(TerminalFixture.Start + ServerAhead);
        var fixture = new TerminalFixture(rtc: rtc);

        Assert.Equal(ClockQuality.RealTimeClock, fixture.Terminal.Clock.Quality);
        Assert.Equal(TerminalFixture.Start + ServerAhead, fixture.Terminal.Clock.Now());
    }

    /// <summary>An SNTP server: answers the request with the codec at the time <paramref name="now"/> gives; null is silence.</summary>
    private sealed class Responder(Func<long>? now) : ISntpChannel
    {
        public int Exchange(byte[] request, byte[] response)
        {
            if (now is null) return 0;
            Array.Clear(response);
            response[0] = (4 << 3) | 4;
            response[1] = 2;
            Array.Copy(request, 40, response, 24, 8); // originate = the client's transmit timestamp
            SntpPacket.WriteTimestamp(response, 32, now());
            SntpPacket.WriteTimestamp(response, 40, now());
            return SntpPacket.Length;
        }
    }

    private sealed class FixedRtc(long time) : IRealTimeClock
    {
        public bool TryRead(out long unixMilliseconds) { unixMilliseconds = time; return true; }
        public void Write(long unixMilliseconds) => time = unixMilliseconds;
    }
}
