using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Protocols.Dlt645.Tests;

/// <summary>
/// FsCheck properties: every data format round-trips every value it can hold (inside a 91H reply frame too); frames of
/// any data round-trip with any number of wake-up bytes; random and corrupted bytes never make the decoders throw and
/// never come out as a frame whose checksum is wrong.
/// </summary>
public class PropertyTests
{
    private static readonly Config RoundTrips = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly Config Garbage = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Gen<byte> Octet = Gen.Choose(0, 0xFF).Select(i => (byte)i);
    private static readonly Gen<Dlt645Address> Address = Gen.Choose(0, 999_999).SelectMany(high => Gen.Choose(0, 999_999).Select(low => Dlt645Address.FromNumber(high * 1_000_000L + low)));

    private static void Check<T>(Gen<T> gen, Action<T> property, Config config) =>
        Prop.ForAll(gen.ToArbitrary(), property).Check(config);

    private static Gen<Dlt645Value> ValueOf(Dlt645DataFormat format)
    {
        if (format.Kind == Dlt645FormatKind.Number)
        {
            long max = format.Signed ? (long)Dlt645Bcd.MaxSignedMagnitude(format.Bytes) : (long)Dlt645Bcd.MaxUnsigned(format.Bytes);
            long min = format.Signed ? -max : 0;
            decimal scale = (decimal)Math.Pow(10, format.Decimals);
            var edges = Gen.Elements(min, max, 0L, format.Signed ? -1L : 1L);
            var anywhere = Gen.Choose(0, int.MaxValue).SelectMany(a => Gen.Choose(0, int.MaxValue).Select(b => min + (long)(((ulong)a << 31 | (uint)b) % (ulong)(max - min + 1))));
            return Gen.Frequency((1, edges), (4, anywhere)).Select(scaled => Dlt645Value.OfNumber(scaled / scale));
        }
        var start = new DateTime(2000, 1, 1);
        long span = (long)(new DateTime(2099, 12, 31, 23, 59, 59) - start).TotalSeconds;
        return Gen.Choose(0, int.MaxValue).Select(i => start.AddSeconds(i % span)).Select(t => format.Kind switch
        {
            Dlt645FormatKind.Date => Dlt645Value.OfTime(format.Kind, t.Date),
            Dlt645FormatKind.TimeOfDay => Dlt645Value.OfTime(format.Kind, DateTime.MinValue + t.TimeOfDay),
            Dlt645FormatKind.DateTimeToMinute => Dlt645Value.OfTime(format.Kind, t.AddSeconds(-t.Second)),
            _ => Dlt645Value.OfTime(format.Kind, t),
        });
    }

    public static TheoryData<string, int> Formats()
    {
        var data = new TheoryData<string, int>();
        for (int i = 0; i < Dlt645DataFormat.All.Count; i++) data.Add(Dlt645DataFormat.All[i].Picture, i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryFormat_RoundTrips_InAReadReply(string picture, int index)
    {
        var format = Dlt645DataFormat.All[index];
        Assert.Equal(picture, format.Picture);
        Check(
            from values in Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(ValueOf(format), n))
            from address in Address
            from preamble in Gen.Choose(0, 4)
            select (values, address, preamble),
            c =>
            {
                var plain = new byte[format.Bytes * c.values.Length];
                for (int i = 0; i < c.values.Length; i++) Dlt645ValueCodec.Encode(plain.AsSpan(i * format.Bytes), format, c.values[i]);
                var identifier = new Dlt645DataIdentifier(0x0001FF00);
                var wire = new byte[Dlt645Framing.MaxFrameLength + 4];
                int n = Dlt645Replies.EncodeRead(wire, c.preamble, c.address, identifier, plain, more: false);
                Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(wire.AsSpan(0, n), out var frame, out int consumed, out _));
                Assert.Equal(n, consumed);
                var values = new byte[255];
                Assert.Equal(Dlt645FrameError.None, Dlt645ReadReply.TryParse(frame, c.address, identifier, false, values, out var reply));
                var decoded = new Dlt645Value[8];
                Assert.Equal(Dlt645FrameError.None, Dlt645ValueCodec.TryDecodeAll(values.AsSpan(0, reply.ValueLength), format, decoded, out int count));
                Assert.Equal(c.values, decoded.Take(count));
            }, RoundTrips);
    }

    [Fact]
    public void AnyFrame_RoundTrips_WithAnyWakeUpBytes() => Check(
        from data in Gen.Choose(0, Dlt645Framing.MaxDataLength).SelectMany(n => Gen.ArrayOf(Octet, n))
        from control in Octet
        from address in Address
        from preamble in Gen.Choose(0, 4)
        select (data, control, address, preamble),
        c =>
        {
            var wire = new byte[Dlt645Framing.MaxFrameLength + 4];
            int n = Dlt645Framing.Encode(wire, c.preamble, c.address, (Dlt645ControlCode)c.control, c.data);
            Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(wire.AsSpan(0, n), out var frame, out int consumed, out _));
            var plain = new byte[255];
            int length = frame.CopyData(plain);
            Assert.Equal((n, c.address, c.control), (consumed, frame.Address, (byte)frame.Control));
            Assert.Equal(c.data, plain.AsSpan(0, length).ToArray());
            Assert.Equal(Dlt645DecodeStatus.NeedMoreData, Dlt645Framing.TryDecode(wire.AsSpan(0, n - 1), out _, out consumed, out _));
            Assert.Equal(0, consumed);
        }, RoundTrips);

    [Fact]
    public void RandomBytes_NeverThrow_AndNeverDecodeWithAWrongChecksum() => Check(
        Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Frequency((1, Gen.Constant((byte)0x68)), (1, Gen.Constant((byte)0x16)), (8, Octet)), n)),
        bytes =>
        {
            ReadOnlySpan<byte> input = bytes;
            var values = new byte[255];
            var decoded = new Dlt645Value[64];
            while (!input.IsEmpty)
            {
                var status = Dlt645Framing.TryDecode(input, out var frame, out int consumed, out _);
                if (status == Dlt645DecodeStatus.NeedMoreData) { Assert.Equal(0, consumed); break; }
                Assert.InRange(consumed, 1, input.Length);
                if (status == Dlt645DecodeStatus.Complete)
                {
                    var raw = input[..consumed];
                    int start = raw.IndexOf(Dlt645Framing.StartByte);
                    Assert.Equal(Dlt645Framing.Checksum(raw[start..^2]), raw[^2]);
                    Assert.Equal(Dlt645Framing.EndByte, raw[^1]);
                    foreach (var item in Dlt645Catalog.All.Take(40))
                    {
                        if (Dlt645ReadReply.TryParse(frame, Dlt645Address.Wildcard, item.Identifier, false, values, out var reply) == Dlt645FrameError.None && !reply.IsError)
                        {
                            Dlt645ValueCodec.TryDecodeAll(values.AsSpan(0, reply.ValueLength), item.Format, decoded, out _);
                        }
                    }
                }
                input = input[consumed..];
            }
        }, Garbage);

    [Fact]
    public void RandomDataFields_NeverThrowInTheValueCodec() => Check(
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Octet, n)),
        bytes =>
        {
            var decoded = new Dlt645Value[64];
            foreach (var format in Dlt645DataFormat.All)
            {
                Dlt645ValueCodec.TryDecode(bytes, format, out _);
                Dlt645ValueCodec.TryDecodeAll(bytes, format, decoded, out _);
            }
        }, Garbage);
}
