using System.Text;
using CarbonEdge.Protocols.Hj212.Framing;

namespace CarbonEdge.Protocols.Hj212.Tests;

public class FramingTests
{
    [Fact]
    public void StandardExample_CrcIs1C80_AndNotModbus()
    {
        var data = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"u8;
        Assert.Equal(0x1C80, Hj212Crc.Compute(data));
        Assert.Equal(0x0759, Hj212Crc.ComputeModbus(data));
        Assert.Equal(Fixtures.StandardExample, Encoding.ASCII.GetString(Hj212Framing.Encode(Encoding.ASCII.GetString(data))));
    }

    public static TheoryData<string> Valid() => [.. Fixtures.Valid];

    [Theory]
    [MemberData(nameof(Valid))]
    public void PublicPackets_Decode(string packet)
    {
        var bytes = Fixtures.Bytes(packet);
        Assert.Equal(DecodeStatus.Complete, Hj212Framing.TryDecode(bytes, Hj212CrcMode.Hj212, out var frame, out int consumed, out var error));
        Assert.Equal((bytes.Length, Hj212FrameError.None, Hj212CrcKind.Hj212), (consumed, error, frame!.Crc));
        Assert.Equal(packet[6..^6], frame.DataSegment);
        Assert.Equal(bytes, Hj212Framing.Encode(frame.DataSegment));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void EveryPrefix_NeedsMoreData_AndConsumesNothing(string packet)
    {
        var bytes = Fixtures.Bytes(packet);
        for (int n = 0; n < bytes.Length; n++)
        {
            Assert.Equal(DecodeStatus.NeedMoreData, Hj212Framing.TryDecode(bytes.AsSpan(0, n), Hj212CrcMode.Either, out _, out int consumed, out _));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void OneBytePerSegment_StreamDecoder_FindsEveryPacket()
    {
        var stream = Fixtures.Valid.SelectMany(Fixtures.Bytes).ToArray();
        var buffer = new List<byte>();
        var frames = new List<string>();
        foreach (byte b in stream)
        {
            buffer.Add(b);
            while (Hj212Framing.TryDecode(buffer.ToArray(), Hj212CrcMode.Hj212, out var frame, out int consumed, out _) is var status && status != DecodeStatus.NeedMoreData)
            {
                Assert.Equal(DecodeStatus.Complete, status);
                frames.Add(frame!.DataSegment);
                buffer.RemoveRange(0, consumed);
            }
        }
        Assert.Equal(Fixtures.Valid.Select(p => p[6..^6]), frames);
        Assert.Empty(buffer);
    }

    [Fact]
    public void WrongCrc_IsInvalid_AndTheWholePacketIsDropped()
    {
        var bytes = Fixtures.Bytes(Fixtures.StandardExample.Replace("1C80\r\n", "1C81\r\n"));
        Assert.Equal(DecodeStatus.Invalid, Hj212Framing.TryDecode(bytes, Hj212CrcMode.Either, out _, out int consumed, out var error));
        Assert.Equal((Hj212FrameError.BadCrc, bytes.Length), (error, consumed));
    }

    [Fact]
    public void CrcFieldNotHex_IsInvalid()
    {
        var bytes = Fixtures.Bytes(Fixtures.StandardExample.Replace("1C80\r\n", "1CZ0\r\n"));
        Assert.Equal(DecodeStatus.Invalid, Hj212Framing.TryDecode(bytes, Hj212CrcMode.Hj212, out _, out _, out var error));
        Assert.Equal(Hj212FrameError.BadCrcField, error);
    }

    [Fact]
    public void LowercaseCrc_IsAccepted()
    {
        var bytes = Fixtures.Bytes(Fixtures.XiaoyaoFaultFlag.Replace("C841\r\n", "c841\r\n"));
        Assert.Equal(DecodeStatus.Complete, Hj212Framing.TryDecode(bytes, Hj212CrcMode.Hj212, out _, out _, out _));
    }

    [Theory]
    [InlineData("0100")] // shorter than the data segment: no CR LF where the length says
    [InlineData("0102")] // longer: a CR LF appears before the announced end
    [InlineData("01x1")] // not decimal
    public void WrongLength_IsInvalid_AndOnlyTheHeaderIsDropped(string length)
    {
        var bytes = Fixtures.Bytes(Fixtures.StandardExample.Replace("##0101", "##" + length));
        Assert.Equal(DecodeStatus.Invalid, Hj212Framing.TryDecode(bytes, Hj212CrcMode.Hj212, out _, out int consumed, out var error));
        Assert.Equal((Hj212FrameError.BadLength, 2), (error, consumed));
    }

    [Fact]
    public void LengthTooLong_ThenGoodPacket_IsFoundAfterResync()
    {
        var bytes = Fixtures.Bytes(Fixtures.StandardExample.Replace("##0101", "##0150") + Fixtures.IceCoffeeHour);
        int offset = 0;
        var statuses = new List<(DecodeStatus, Hj212FrameError)>();
        while (offset < bytes.Length)
        {
            var status = Hj212Framing.TryDecode(bytes.AsSpan(offset), Hj212CrcMode.Hj212, out _, out int consumed, out var error);
            statuses.Add((status, error));
            if (status == DecodeStatus.NeedMoreData) break;
            offset += consumed;
        }
        Assert.Equal([(DecodeStatus.Invalid, Hj212FrameError.BadLength), (DecodeStatus.Invalid, Hj212FrameError.BadHeader), (DecodeStatus.Complete, Hj212FrameError.None)], statuses);
    }

    [Fact]
    public void Garbage_BeforeHeader_IsDroppedUpToTheNextHash()
    {
        var bytes = Fixtures.Bytes("xyz" + Fixtures.StandardExample);
        Assert.Equal(DecodeStatus.Invalid, Hj212Framing.TryDecode(bytes, Hj212CrcMode.Hj212, out _, out int consumed, out var error));
        Assert.Equal((Hj212FrameError.BadHeader, 3), (error, consumed));
        Assert.Equal(DecodeStatus.Complete, Hj212Framing.TryDecode(bytes.AsSpan(3), Hj212CrcMode.Hj212, out _, out _, out _));
    }

    [Theory]
    [InlineData(Hj212CrcMode.Hj212, DecodeStatus.Invalid)]
    [InlineData(Hj212CrcMode.Modbus, DecodeStatus.Complete)]
    [InlineData(Hj212CrcMode.Either, DecodeStatus.Complete)]
    public void ModbusCrcVariant_AcceptedOnlyWhereTheLinkAllowsIt(Hj212CrcMode mode, DecodeStatus expected)
    {
        var bytes = Fixtures.Bytes(Fixtures.StandardExample.Replace("1C80\r\n", "0759\r\n"));
        Assert.Equal(expected, Hj212Framing.TryDecode(bytes, mode, out var frame, out _, out _));
        if (expected == DecodeStatus.Complete) Assert.Equal(Hj212CrcKind.Modbus, frame!.Crc);
    }

    [Fact]
    public void Encode_RefusesTooLongSegments_AndSmallDestinations()
    {
        Assert.Throws<ArgumentException>(() => Hj212Framing.Encode(new string('A', 10000)));
        Assert.Throws<ArgumentException>(() => Hj212Framing.Encode("ST=32"u8, new byte[10]));
    }
}
