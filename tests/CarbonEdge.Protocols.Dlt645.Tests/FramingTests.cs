using CarbonEdge.Protocols.Dlt645.Framing;
using static CarbonEdge.Protocols.Dlt645.Tests.GoldenFrames;

namespace CarbonEdge.Protocols.Dlt645.Tests;

/// <summary>DL/T 645 framing: golden frames, wake-up bytes and noise, L-driven ends, every prefix, corrupted bytes.</summary>
public class FramingTests
{
    public static TheoryData<string> Golden =>
    [
        ReadAddressRequest, WriteAddressRequest, TimeSync600888, TraceReadEnergy, TraceEnergyReply, TraceVoltageReply,
        TraceCurrentReply, TracePowerFactorReply, EnergyReplyChecksum16, VoltageReplyWithPreamble, NegativeCurrentReply,
        ErrorReplyNoData, BlockReplyWithMore, FollowUpRequest, FollowUpReplyLast, Read1997, Reply1997, Error1997,
        ReadAddressReply, DateReply, TimeReply, TimeSync, FreezeTimeReply,
    ];

    [Theory]
    [MemberData(nameof(Golden))]
    public void GoldenFrame_DecodesAndReencodesToTheSameBytes(string hex)
    {
        var wire = Hex.Bytes(hex);
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(wire, out var frame, out int consumed, out var error));
        Assert.Equal((wire.Length, Dlt645FrameError.None), (consumed, error));
        int preamble = wire.AsSpan().IndexOf(Dlt645Framing.StartByte);
        Span<byte> plain = stackalloc byte[Dlt645Framing.MaxDataLength];
        int length = frame.CopyData(plain);
        Span<byte> again = stackalloc byte[Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxPreamble];
        int n = Dlt645Framing.Encode(again, preamble, frame.Address, frame.Control, plain[..length]);
        Assert.Equal(Hex.Of(wire), Hex.Of(again[..n]));
    }

    [Fact]
    public void ReadAddressRequest_IsWildcard13H_WithNoData()
    {
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(Hex.Bytes(ReadAddressRequest), out var frame, out _, out _));
        Assert.Equal((Dlt645Address.Wildcard, Dlt645ControlCode.ReadAddress, 0), (frame.Address, frame.Control, frame.DataLength));
        Assert.True(frame.Address.HasWildcard);
    }

    [Fact]
    public void Address_IsReversedBcd_OnTheWire()
    {
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(Hex.Bytes(WriteAddressRequest), out var frame, out _, out _));
        Assert.Equal("121078563412", frame.Address.ToString());
        Span<byte> wire = stackalloc byte[6];
        Dlt645Address.Parse("123456789012").Write(wire);
        Assert.Equal("129078563412", Hex.Of(wire));
        Assert.Equal("000000001234", Dlt645Address.FromNumber(1234).ToString());
        Assert.False(Dlt645Address.TryParse("12345678901", out _));
        Assert.False(Dlt645Address.TryParse("12345678901X", out _));
    }

    [Fact]
    public void ChecksumOf16H_ParsesByLength()
    {
        foreach (var hex in new[] { EnergyReplyChecksum16, TraceCurrentReply })
        {
            var wire = Hex.Bytes(hex);
            Assert.Equal(0x16, wire[^2]);
            Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(wire, out _, out int consumed, out _));
            Assert.Equal(wire.Length, consumed);
            // one byte short (the real end byte missing) is a prefix, not a frame ended by the CS
            Assert.Equal(Dlt645DecodeStatus.NeedMoreData, Dlt645Framing.TryDecode(wire.AsSpan(0, wire.Length - 1), out _, out consumed, out _));
            Assert.Equal(0, consumed);
        }
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void EveryPrefix_NeedsMoreData_AndConsumesNothing(string hex)
    {
        var wire = Hex.Bytes(hex);
        for (int length = 0; length < wire.Length; length++)
        {
            Assert.Equal(Dlt645DecodeStatus.NeedMoreData, Dlt645Framing.TryDecode(wire.AsSpan(0, length), out _, out int consumed, out _));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void OneBytePerSegment_YieldsEachFrameOnceAtItsLastByte()
    {
        var stream = Hex.Bytes(VoltageReplyWithPreamble + " " + EnergyReplyChecksum16 + " " + BlockReplyWithMore);
        var buffer = new List<byte>();
        var completedAt = new List<int>();
        for (int i = 0; i < stream.Length; i++)
        {
            buffer.Add(stream[i]);
            var status = Dlt645Framing.TryDecode(buffer.ToArray(), out _, out int consumed, out _);
            Assert.NotEqual(Dlt645DecodeStatus.Invalid, status);
            if (status == Dlt645DecodeStatus.Complete)
            {
                completedAt.Add(i);
                buffer.RemoveRange(0, consumed);
            }
        }
        int first = Hex.Bytes(VoltageReplyWithPreamble).Length, second = Hex.Bytes(EnergyReplyChecksum16).Length;
        Assert.Equal([first - 1, first + second - 1, stream.Length - 1], completedAt);
        Assert.Empty(buffer);
    }

    [Fact]
    public void AnyNumberOfWakeUpBytes_AndNoiseBefore_AreSkipped()
    {
        var frame = Hex.Bytes(TraceEnergyReply);
        foreach (var lead in new[] { "", "FE", "FE FE FE FE FE FE FE FE FE FE", "00 FF 13 FE FE", "16 16 FE" })
        {
            var wire = Hex.Bytes(lead).Concat(frame).ToArray();
            Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(wire, out var decoded, out int consumed, out _));
            Assert.Equal((wire.Length, Dlt645ControlCode.ReadDataReply), (consumed, decoded.Control));
        }
    }

    [Fact]
    public void NoiseWithoutStart_IsDropped_WakeUpBytesAreKept()
    {
        Assert.Equal(Dlt645DecodeStatus.Invalid, Dlt645Framing.TryDecode(Hex.Bytes("00 11 FE"), out _, out int consumed, out var error));
        Assert.Equal((3, Dlt645FrameError.NoStart), (consumed, error));
        Assert.Equal(Dlt645DecodeStatus.NeedMoreData, Dlt645Framing.TryDecode(Hex.Bytes("FE FE FE FE FE FE"), out _, out consumed, out _));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void FalseStartInNoise_IsDroppedThroughIt_AndTheFrameBehindDecodes()
    {
        var wire = Hex.Bytes("68 01 02 03 " + TraceEnergyReply);
        Assert.Equal(Dlt645DecodeStatus.Invalid, Dlt645Framing.TryDecode(wire, out _, out int consumed, out var error));
        Assert.Equal((1, Dlt645FrameError.BadStart), (consumed, error));
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(wire.AsSpan(consumed), out _, out int rest, out _));
        Assert.Equal(wire.Length - 1, rest);
    }

    [Fact]
    public void EveryCorruptedByte_IsRejectedOrNeedsMore_NeverAWrongFrame()
    {
        var wire = Hex.Bytes(TraceEnergyReply);
        for (int i = 0; i < wire.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                var corrupted = (byte[])wire.Clone();
                corrupted[i] ^= (byte)(1 << bit);
                var status = Dlt645Framing.TryDecode(corrupted, out _, out int consumed, out var error);
                // A changed L may ask for more bytes; a changed 68 turns the frame into noise; anything else is caught.
                if (status == Dlt645DecodeStatus.Complete) Assert.Fail($"byte {i} bit {bit}: corrupted frame accepted");
                if (status == Dlt645DecodeStatus.Invalid) Assert.True(consumed > 0 && error != Dlt645FrameError.None);
            }
        }
    }

    [Fact]
    public void BadChecksum_AndBadEnd_ConsumeTheFrame()
    {
        var wire = Hex.Bytes(TraceEnergyReply);
        wire[^2] ^= 1;
        Assert.Equal(Dlt645DecodeStatus.Invalid, Dlt645Framing.TryDecode(wire, out _, out int consumed, out var error));
        Assert.Equal((wire.Length, Dlt645FrameError.BadChecksum), (consumed, error));
        wire = Hex.Bytes(TraceEnergyReply);
        wire[^1] = 0x17;
        Assert.Equal(Dlt645DecodeStatus.Invalid, Dlt645Framing.TryDecode(wire, out _, out consumed, out error));
        Assert.Equal((wire.Length, Dlt645FrameError.BadEnd), (consumed, error));
    }

    [Fact]
    public void ControlBits_AreNamed()
    {
        Assert.True(Dlt645ControlBits.IsReply(Dlt645ControlCode.ReadDataReplyMore));
        Assert.True(Dlt645ControlBits.HasFollowUp(Dlt645ControlCode.ReadDataReplyMore));
        Assert.True(Dlt645ControlBits.IsAbnormal(Dlt645ControlCode.ReadDataError));
        Assert.False(Dlt645ControlBits.IsAbnormal(Dlt645ControlCode.ReadDataReply));
        Assert.Equal(0x11, Dlt645ControlBits.Function(Dlt645ControlCode.ReadDataError));
    }
}
