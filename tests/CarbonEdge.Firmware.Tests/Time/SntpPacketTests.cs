using CarbonEdge.Firmware.Core.Time;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Firmware.Tests.Time;

/// <summary>SNTP codec (RFC 4330) and the offset of RFC 5905 §8, and the terminal clock that applies it.</summary>
public sealed class SntpPacketTests
{
    private static readonly long T1 = new DateTimeOffset(2026, 11, 22, 8, 0, 0, 125, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Request_is_version_4_client_mode_with_the_transmit_timestamp()
    {
        byte[] packet = new byte[SntpPacket.Length];
        SntpPacket.EncodeRequest(packet, T1);
        Assert.Equal(0x23, packet[0]);
        // 2026-11-22T08:00:00Z = 4_004_323_200 s since 1900 = 0xEEAD_1F80; .125 s = 0x2000_0000.
        Assert.Equal(Convert.FromHexString("EEAD1F8020000000"), packet[40..48]);
        Assert.Equal(T1, SntpPacket.ReadTimestamp(packet, 40));
    }

    [Fact]
    public void Timestamps_round_trip_to_the_millisecond_across_the_2036_era()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(s => s * 1000L + s % 1000 + 946_684_800_000L).ToArbitrary(), ms =>
        {
            byte[] packet = new byte[SntpPacket.Length];
            SntpPacket.WriteTimestamp(packet, 0, ms);
            return SntpPacket.ReadTimestamp(packet, 0) == ms;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Offset_and_delay_from_a_server_reply()
    {
        // Terminal 3.5 s behind; 40 ms each way; the server takes 2 ms.
        long t2 = T1 + 3500 + 40, t3 = t2 + 2, t4 = T1 + 82;
        byte[] reply = Reply(T1, t2, t3);
        Assert.True(SntpPacket.TryDecodeReply(reply, reply.Length, T1, t4, out long offset, out long delay));
        Assert.Equal((3500L, 80L), (offset, delay));
    }

    [Fact]
    public void Replies_that_are_not_answers_to_this_request_are_refused()
    {
        byte[] other = Reply(T1 + 1, T1, T1);
        Assert.False(SntpPacket.TryDecodeReply(other, other.Length, T1, T1, out _, out _));
        byte[] kissOfDeath = Reply(T1, T1, T1);
        kissOfDeath[1] = 0;
        Assert.False(SntpPacket.TryDecodeReply(kissOfDeath, kissOfDeath.Length, T1, T1, out _, out _));
        Assert.False(SntpPacket.TryDecodeReply(other, 47, T1, T1, out _, out _));
    }

    [Fact]
    public void Clock_counts_a_jump_only_once_synchronised()
    {
        var board = new Doubles.ManualClock(0);
        var clock = new TerminalClock(board, null);
        clock.ApplySntpOffset(T1); // boot at 1970: the first synchronisation is not a jump
        Assert.Equal((ClockQuality.Sntp, 0, T1), (clock.Quality, clock.Jumps, clock.Now()));
        clock.ApplySntpOffset(-5000);
        Assert.Equal(1, clock.Jumps);
        board.Now -= 10_000; // the board clock steps back
        clock.Now();
        Assert.Equal(2, clock.Jumps);
    }

    private static byte[] Reply(long originate, long receive, long transmit)
    {
        byte[] packet = new byte[SntpPacket.Length];
        packet[0] = (4 << 3) | 4;
        packet[1] = 2;
        SntpPacket.WriteTimestamp(packet, 24, originate);
        SntpPacket.WriteTimestamp(packet, 32, receive);
        SntpPacket.WriteTimestamp(packet, 40, transmit);
        return packet;
    }
}
