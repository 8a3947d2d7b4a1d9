using System.Text;
using CarbonEdge.Protocols.Hj212.Commands;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Protocols.Hj212.Tests;

/// <summary>FsCheck: packets survive format/frame/decode/parse; random and corrupted bytes never throw.</summary>
public class PropertyTests
{
    private static readonly Config RoundTrips = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly Config Garbage = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Gen<string> Token = Gen.Choose(1, 12).SelectMany(n =>
        Gen.ArrayOf(Gen.Elements("ABCDEFGHJKLMNPQRSTUVWXYZabcdefxyz0123456789".ToCharArray()), n)).Select(c => new string(c));
    private static readonly Gen<string> Number = Gen.Choose(-100000, 10000000).Select(i => (i / 1000.0).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Gen<DateTime> Time = Gen.Choose(0, 400_000_000).Select(s => new DateTime(2017, 1, 1).AddSeconds(s));
    private static readonly Gen<string> Field = Gen.Elements("Rtd", "Avg", "Min", "Max", "Cou", "Flag", "ZsRtd", "ZsAvg", "SampleTime");
    private static readonly Gen<string> Code = Gen.Elements("a05001", "a19001", "a00000", "a01011", "a01012", "a01013", "a01014", "a21026", "w01018");

    private static readonly Gen<Hj212Cp> Cps =
        from time in Time
        from hasTime in Gen.Elements(true, false)
        from codes in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Code, n))
        from values in Gen.ArrayOf(Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Field.SelectMany(f => Number.Select(v => new KeyValuePair<string, string>(f, v))), n)), 8)
        select new Hj212Cp(hasTime ? time : null, [],
            codes.Distinct().Select((c, i) => new Hj212PollutantValues(c, values[i])).ToList());

    private static readonly Gen<Hj212Packet> Packets =
        from qn in Time.Select(t => (string?)Hj212Time.FormatQn(t.AddMilliseconds(123)))
        from st in Gen.Elements("22", "31", "32", "91")
        from cn in Gen.Elements(Enum.GetValues<Hj212CommandCode>())
        from pw in Token
        from mn in Token
        from flag in Gen.Choose(0, 255)
        from cp in Cps
        from count in Gen.Choose(1, 5)
        from number in Gen.Choose(1, 5)
        let f = Hj212Flag.FromValue(flag)
        select new Hj212Packet(qn, st, cn, pw, mn, f, f.Split ? count : null, f.Split ? Math.Min(number, count) : null, cp.Format());

    [Fact]
    public void Packets_RoundTrip_ThroughFrameAndSegment() =>
        Prop.ForAll(Packets.ToArbitrary(), packet =>
        {
            var bytes = Hj212Framing.Encode(Hj212Segment.Format(packet));
            Assert.Equal(DecodeStatus.Complete, Hj212Framing.TryDecode(bytes, Hj212CrcMode.Hj212, out var frame, out int consumed, out _));
            Assert.Equal(bytes.Length, consumed);
            Assert.True(Hj212Segment.TryParse(frame!.DataSegment, out var parsed, out var error, out var detail), $"{error} {detail}");
            Assert.Equal(packet, parsed);
            Assert.True(Hj212Cp.TryParse(parsed!.Cp, out var cp, out _));
            Assert.Equal(packet.Cp, cp!.Format());
            Assert.Equal(DecodeStatus.NeedMoreData, Hj212Framing.TryDecode(bytes.AsSpan(0, bytes.Length - 1), Hj212CrcMode.Hj212, out _, out _, out _));
        }).Check(RoundTrips);

    /// <summary>The table-driven CRCs equal Appendix A's bit loop and the CRC-16/MODBUS bit loop, on any bytes.</summary>
    [Fact]
    public void Crcs_EqualTheirBitByBitDefinitions() =>
        Prop.ForAll(Gen.Choose(0, 200).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n)).ToArbitrary(), bytes =>
        {
            int hj = 0xFFFF, modbus = 0xFFFF;
            foreach (byte b in bytes)
            {
                hj = (hj >> 8) ^ b;
                modbus ^= b;
                for (int bit = 0; bit < 8; bit++)
                {
                    hj = (hj & 1) != 0 ? (hj >> 1) ^ 0xA001 : hj >> 1;
                    modbus = (modbus & 1) != 0 ? (modbus >> 1) ^ 0xA001 : modbus >> 1;
                }
            }
            Assert.Equal((hj, modbus), ((int)Hj212Crc.Compute(bytes), (int)Hj212Crc.ComputeModbus(bytes)));
        }).Check(RoundTrips);

    [Fact]
    public void RandomBytes_NeverThrow_AndAlwaysProgressOrWait() =>
        Prop.ForAll(Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Elements((byte)'#', (byte)'0', (byte)'1', (byte)'\r', (byte)'\n', (byte)'A', (byte)'=', (byte)';', (byte)'&', (byte)0xFF), n)).ToArbitrary(), bytes =>
        {
            int offset = 0;
            while (offset < bytes.Length)
            {
                var status = Hj212Framing.TryDecode(bytes.AsSpan(offset), Hj212CrcMode.Either, out var frame, out int consumed, out _);
                if (status == DecodeStatus.NeedMoreData) break;
                Assert.True(consumed > 0);
                if (frame is not null && Hj212Segment.TryParse(frame.DataSegment, out var packet, out _, out _)) Hj212Cp.TryParse(packet!.Cp, out _, out _);
                offset += consumed;
            }
        }).Check(Garbage);

    [Fact]
    public void CorruptedPackets_NeverDecodeWithAWrongCrc() =>
        Prop.ForAll((from packet in Packets from at in Gen.Choose(0, 10000) from value in Gen.Choose(32, 126) select (packet, at, value)).ToArbitrary(), c =>
        {
            var bytes = Hj212Framing.Encode(Hj212Segment.Format(c.packet));
            int at = 6 + c.at % (bytes.Length - 12);
            if (bytes[at] == (byte)c.value) return;
            bytes[at] = (byte)c.value;
            if (Hj212Framing.TryDecode(bytes, Hj212CrcMode.Hj212, out var frame, out _, out _) == DecodeStatus.Complete)
            {
                Assert.Equal(Hj212Crc.Compute(Encoding.UTF8.GetBytes(frame!.DataSegment)), Convert.ToUInt16(Encoding.ASCII.GetString(bytes, bytes.Length - 6, 4), 16));
            }
        }).Check(RoundTrips);
}
