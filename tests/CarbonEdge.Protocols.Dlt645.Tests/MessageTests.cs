using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;
using static CarbonEdge.Protocols.Dlt645.Tests.GoldenFrames;

namespace CarbonEdge.Protocols.Dlt645.Tests;

/// <summary>Requests encode to the golden bytes; replies decode to the published values, errors to named bits.</summary>
public class MessageTests
{
    private static readonly Dlt645Address Meter = Dlt645Address.Parse("123456789012");
    private static readonly Dlt645Address TraceMeter = Dlt645Address.Parse("000000000161");

    private static string Encode(Func<byte[], int> encoder)
    {
        var buffer = new byte[Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxPreamble];
        return Hex.Of(buffer.AsSpan(0, encoder(buffer)));
    }

    [Fact]
    public void Requests_EncodeToTheGoldenBytes()
    {
        Assert.Equal(Hex.Of(Hex.Bytes(ReadAddressRequest)), Encode(b => Dlt645Requests.EncodeReadAddress(b, 4)));
        Assert.Equal(Hex.Of(Hex.Bytes(TraceReadEnergy)), Encode(b => Dlt645Requests.EncodeRead(b, 0, TraceMeter, Dlt645Catalog.ForwardActiveEnergy)));
        Assert.Equal(Hex.Of(Hex.Bytes(FollowUpRequest)), Encode(b => Dlt645Requests.EncodeReadFollowUp(b, 0, Meter, new(0x0001FF00), 1)));
        Assert.Equal(Hex.Of(Hex.Bytes(Read1997)), Encode(b => Dlt645Requests.EncodeRead(b, 0, Dlt645Address.FromNumber(1234), Dlt645DataIdentifier.Parse("9010"))));
        Assert.Equal(Hex.Of(Hex.Bytes(TimeSync)), Encode(b => Dlt645Requests.EncodeTimeSync(b, 0, new DateTime(2026, 12, 4, 12, 34, 56))));
    }

    [Fact]
    public void TimeSync600888_IsFramedLikeOurs_ButItsDataIsYearFirst()
    {
        // 600888/dlt645 passes 25 11 02 12 34 56 (2025-11-02 12:34:56 year first); the standard sends ssmmhhDDMMYY,
        // seconds first. Read the standard's way, month 34 is no date: our decoder says so instead of guessing.
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(Hex.Bytes(TimeSync600888), out var frame, out _, out _));
        Assert.True(frame.Address.IsBroadcast);
        Span<byte> plain = stackalloc byte[6];
        frame.CopyData(plain);
        Assert.Equal("251102123456", Hex.Of(plain));
        Assert.False(Dlt645ValueCodec.TryDecode(plain, Dlt645DataFormat.SyncTime, out _));
    }

    [Theory]
    [InlineData(TraceEnergyReply, "000000000161", "00010000", "0.26")]
    [InlineData(TraceVoltageReply, "000000000161", "02010100", "100.1")]
    [InlineData(TraceCurrentReply, "000000000161", "02020100", "4.999")]
    [InlineData(TracePowerFactorReply, "000000000161", "02060000", "0.501")]
    [InlineData(EnergyReplyChecksum16, "000000000001", "00010000", "0.13")]
    [InlineData(VoltageReplyWithPreamble, "123456789012", "02010100", "220.1")]
    [InlineData(NegativeCurrentReply, "123456789012", "02020100", "-1.234")]
    [InlineData(Reply1997, "000000001234", "9010", "1234.56")]
    [InlineData(DateReply, "123456789012", "04000101", "2026-12-04")]
    [InlineData(TimeReply, "123456789012", "04000102", "12:34:56")]
    [InlineData(FreezeTimeReply, "123456789012", "05060001", "2026-12-04 00:00")]
    public void ReadReply_DecodesToThePublishedValue(string hex, string address, string di, string expected)
    {
        var identifier = Dlt645DataIdentifier.Parse(di);
        Assert.Equal(expected, string.Join(" | ", DecodeValues(hex, Dlt645Address.Parse(address), identifier, followUp: false, out var reply)));
        Assert.False(reply.IsError || reply.More);
    }

    [Fact]
    public void BlockReply_WithFollowUp_ThenTheLastFollowUpFrame()
    {
        var block = new Dlt645DataIdentifier(0x0001FF00);
        Assert.Equal("123456.78 | 23456.78", string.Join(" | ", DecodeValues(BlockReplyWithMore, Meter, block, false, out var first)));
        Assert.True(first.More);
        Assert.Equal("34567.89 | 45678.90 | 0.00", string.Join(" | ", DecodeValues(FollowUpReplyLast, Meter, block, true, out var last)));
        Assert.Equal((false, (byte)1), (last.More, last.Sequence));
    }

    [Fact]
    public void ErrorReplies_DecodeToNamedBits()
    {
        Assert.Empty(DecodeValues(ErrorReplyNoData, Meter, Dlt645Catalog.ForwardActiveEnergy, false, out var reply));
        Assert.True(reply.IsError);
        Assert.Equal(Dlt645ErrorWord.NoRequestedData, (Dlt645ErrorWord)reply.ErrorWord);
        Assert.Equal("0x02 (NoRequestedData)", Dlt645ErrorWords.Describe((Dlt645ErrorWord)reply.ErrorWord));
        Assert.Empty(DecodeValues(Error1997, Dlt645Address.FromNumber(1234), Dlt645DataIdentifier.Parse("9010"), false, out reply));
        Assert.Equal(Dlt645ErrorWord1997.BadDataIdentifier, (Dlt645ErrorWord1997)reply.ErrorWord);
        Assert.Equal("0x06 (NoRequestedData, Unauthorized)", Dlt645ErrorWords.Describe((Dlt645ErrorWord)6));
    }

    [Fact]
    public void ReadAddressReply_CarriesTheAddress()
    {
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(Hex.Bytes(ReadAddressReply), out var frame, out _, out _));
        Span<byte> plain = stackalloc byte[6];
        frame.CopyData(plain);
        Assert.Equal((Meter, Meter, Dlt645ControlCode.ReadAddressReply), (Dlt645Address.Read(plain), frame.Address, frame.Control));
        Assert.Equal(Hex.Of(Hex.Bytes(ReadAddressReply)), Encode(b => Dlt645Replies.EncodeReadAddress(b, 0, Meter)));
    }

    [Theory]
    [InlineData(TraceEnergyReply, "000000000162", "00010000", Dlt645FrameError.WrongAddress)]
    [InlineData(TraceEnergyReply, "000000000161", "00020000", Dlt645FrameError.WrongDataIdentifier)]
    [InlineData(TraceReadEnergy, "000000000161", "00010000", Dlt645FrameError.UnexpectedControlCode)]
    [InlineData(Reply1997, "000000001234", "00010000", Dlt645FrameError.UnexpectedControlCode)]
    [InlineData("68 61 01 00 00 00 00 68 91 02 33 33 33 16", "000000000161", "00010000", Dlt645FrameError.BadLength)]
    public void WrongReplies_AreTypedErrors(string hex, string address, string di, Dlt645FrameError expected)
    {
        var wire = Hex.Bytes(hex);
        if (wire[^2] == 0x33) wire[^2] = Dlt645Framing.Checksum(wire.AsSpan(0, wire.Length - 2)); // fix CS of the hand-made short frame
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(wire, out var frame, out _, out _));
        Assert.Equal(expected, Dlt645ReadReply.TryParse(frame, Dlt645Address.Parse(address), Dlt645DataIdentifier.Parse(di), false, new byte[255], out _));
    }

    [Fact]
    public void WildcardRequest_AcceptsAnyMeter()
    {
        Assert.Equal(["0.26"], DecodeValues(TraceEnergyReply, Dlt645Address.Wildcard, Dlt645Catalog.ForwardActiveEnergy, false, out _));
    }

    internal static List<string> DecodeValues(string hex, Dlt645Address address, Dlt645DataIdentifier identifier, bool followUp, out Dlt645ReadReply reply)
    {
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(Hex.Bytes(hex), out var frame, out _, out _));
        var values = new byte[Dlt645Framing.MaxDataLength];
        Assert.Equal(Dlt645FrameError.None, Dlt645ReadReply.TryParse(frame, address, identifier, followUp, values, out reply));
        if (reply.IsError) return [];
        Assert.True(Dlt645Catalog.TryGet(identifier, out var item));
        var decoded = new Dlt645Value[64];
        Assert.Equal(Dlt645FrameError.None, Dlt645ValueCodec.TryDecodeAll(values.AsSpan(0, reply.ValueLength), item.Format, decoded, out int count));
        return [.. decoded.Take(count).Select(v => v.ToString())];
    }
}
