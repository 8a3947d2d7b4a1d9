using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>MBAP (Modbus TCP) and RTU framing: golden frames, every prefix, corrupted checksums.</summary>
public class FramingTests
{
    // Modbus over Serial Line V1.02: slave 0x11 reads 3 holding registers from 0x006B; CRC 0x8776 sent low byte first.
    private const string RtuRequest = "11 03 00 6B 00 03 76 87";
    // Read 10 holding registers of unit 1 from 0 (CRC 0xCDC5).
    private const string RtuRequest2 = "01 03 00 00 00 0A C5 CD";

    [Theory]
    [InlineData(RtuRequest)]
    [InlineData(RtuRequest2)]
    public void Rtu_GoldenRequest_EncodesAndDecodes(string hex)
    {
        var adu = Hex.Bytes(hex);
        Span<byte> buffer = stackalloc byte[RtuFraming.MaxAduLength];
        int n = RtuFraming.Encode(buffer, adu[0], adu.AsSpan(1, adu.Length - 3));
        Assert.Equal(Hex.Of(adu), Hex.Of(buffer[..n]));
        Assert.Equal(DecodeStatus.Complete, RtuFraming.TryDecodeRequest(adu, false, out var frame, out int consumed, out _));
        Assert.Equal((adu[0], adu.Length, Hex.Of(adu.AsSpan(1, adu.Length - 3))), (frame.UnitId, consumed, Hex.Of(frame.Pdu)));
    }

    [Fact]
    public void Rtu_Crc_MatchesTheKnownCheckValue()
    {
        // CRC-16/MODBUS check value for "123456789" is 0x4B37.
        Assert.Equal(0x4B37, ModbusCrc.Compute("123456789"u8));
    }

    [Theory]
    [InlineData(RtuRequest, true)]
    [InlineData("11 03 06 02 2B 00 00 00 64 00 00", false)]
    [InlineData("11 83 02 00 00", false)]
    [InlineData("11 10 00 01 00 02 04 00 0A 01 02 00 00", true)]
    public void Rtu_EveryPrefix_NeedsMoreData(string hex, bool isRequest)
    {
        var adu = WithCrc(Hex.Bytes(hex));
        for (int length = 0; length < adu.Length; length++)
        {
            Assert.Equal(DecodeStatus.NeedMoreData, RtuFraming.TryDecode(adu.AsSpan(0, length), isRequest, false, out _, out int consumed, out _));
            Assert.Equal(0, consumed);
        }
        Assert.Equal(DecodeStatus.Complete, RtuFraming.TryDecode(adu, isRequest, false, out _, out int all, out _));
        Assert.Equal(adu.Length, all);
    }

    [Fact]
    public void Rtu_EveryCorruptedByte_IsRejected()
    {
        var adu = Hex.Bytes(RtuRequest);
        for (int i = 0; i < adu.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                var corrupted = (byte[])adu.Clone();
                corrupted[i] ^= (byte)(1 << bit);
                var status = RtuFraming.TryDecodeRequest(corrupted, true, out _, out int consumed, out var error);
                Assert.Equal(DecodeStatus.Invalid, status);
                Assert.True(consumed > 0);
                Assert.Contains(error, new[] { FrameError.BadCrc, FrameError.BadLength });
            }
        }
    }

    [Fact]
    public void Rtu_ShortFrameAtSilence_IsBadLength()
    {
        var adu = Hex.Bytes(RtuRequest);
        Assert.Equal(DecodeStatus.Invalid, RtuFraming.TryDecodeRequest(adu.AsSpan(0, 6), true, out _, out int consumed, out var error));
        Assert.Equal((FrameError.BadLength, 6), (error, consumed));
    }

    [Fact]
    public void Rtu_UnknownFunction_IsFramedBySilence()
    {
        var adu = WithCrc(Hex.Bytes("01 41 AA BB 00 00"));
        Assert.Equal(DecodeStatus.NeedMoreData, RtuFraming.TryDecodeRequest(adu, false, out _, out _, out _));
        Assert.Equal(DecodeStatus.Complete, RtuFraming.TryDecodeRequest(adu, true, out var frame, out int consumed, out _));
        Assert.Equal(("41AABB", adu.Length), (Hex.Of(frame.Pdu), consumed));
    }

    [Fact]
    public void Mbap_GoldenFrame_EncodesAndDecodes()
    {
        // Transaction 1, protocol 0, length 6, unit 1, then the §6.3 request.
        var adu = Hex.Bytes("00 01 00 00 00 06 01 03 00 6B 00 03");
        Span<byte> buffer = stackalloc byte[MbapFraming.MaxAduLength];
        int n = MbapFraming.Encode(buffer, 1, 1, Hex.Bytes("03 00 6B 00 03"));
        Assert.Equal(Hex.Of(adu), Hex.Of(buffer[..n]));
        Assert.Equal(DecodeStatus.Complete, MbapFraming.TryDecode(adu, out var frame, out int consumed, out _));
        Assert.Equal((1, 1, 12, "03006B0003"), (frame.TransactionId, frame.UnitId, consumed, Hex.Of(frame.Pdu)));
    }

    [Fact]
    public void Mbap_EveryPrefix_NeedsMoreData_AndTwoFramesDecodeInTurn()
    {
        var two = Hex.Bytes("00 07 00 00 00 06 11 03 00 6B 00 03 00 08 00 00 00 03 11 83 02");
        for (int length = 0; length < 12; length++)
        {
            Assert.Equal(DecodeStatus.NeedMoreData, MbapFraming.TryDecode(two.AsSpan(0, length), out _, out int consumed, out _));
            Assert.Equal(0, consumed);
        }
        Assert.Equal(DecodeStatus.Complete, MbapFraming.TryDecode(two, out var first, out int firstLength, out _));
        Assert.Equal(7, first.TransactionId);
        Assert.Equal(DecodeStatus.Complete, MbapFraming.TryDecode(two.AsSpan(firstLength), out var second, out _, out _));
        Assert.Equal((8, "8302"), (second.TransactionId, Hex.Of(second.Pdu)));
    }

    [Theory]
    [InlineData("00 01 00 01 00 06 01 03 00 6B 00 03", FrameError.BadProtocolId, 12)]
    [InlineData("00 01 00 00 00 01 01", FrameError.BadLength, 0)]
    [InlineData("00 01 00 00 01 00 01", FrameError.BadLength, 0)]
    public void Mbap_BadHeader_IsInvalid(string hex, FrameError expected, int expectedConsumed)
    {
        Assert.Equal(DecodeStatus.Invalid, MbapFraming.TryDecode(Hex.Bytes(hex), out _, out int consumed, out var error));
        Assert.Equal((expected, expectedConsumed), (error, consumed));
    }

    internal static byte[] WithCrc(byte[] frameWithRoomForCrc)
    {
        var body = frameWithRoomForCrc.AsSpan(0, frameWithRoomForCrc.Length - 2);
        var adu = new byte[frameWithRoomForCrc.Length];
        RtuFraming.Encode(adu, body[0], body[1..]);
        return adu;
    }
}
