using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Dlt645;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;
using FsCheck;
using FsCheck.Fluent;
using CoreBcd = CarbonEdge.Firmware.Core.Dlt645.Dlt645Bcd;

namespace CarbonEdge.Firmware.Tests.Bus;

/// <summary>
/// The core's DL/T 645-2007 master against protocols/CarbonEdge.Protocols.Dlt645: the same read requests byte for byte
/// for every numeric data identifier of the library's catalogue and any address, and the library's replies (normal,
/// with every numeric format's values, and error replies) parsed to the same numbers and error words.
/// </summary>
public sealed class Dlt645DifferentialTests
{
    private static readonly Dlt645DataItem[] NumericItems = Dlt645Catalog.All
        .Where(i => i.Identifier.Version == Dlt645Version.V2007 && i.Format.Kind == Dlt645FormatKind.Number).ToArray();

    private static Gen<long> Addresses => Gen.Choose(0, 999_999).SelectMany(high => Gen.Choose(0, 999_999).Select(low => high * 1_000_000L + low));

    [Fact]
    public void Read_requests_equal_the_library_s_for_every_catalogue_identifier_and_address()
    {
        var cases = from item in Gen.Elements(NumericItems) from number in Addresses select (item, number);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            byte[] core = new byte[Dlt645Master.ReadRequestLength];
            Dlt645Master.EncodeReadRequest(core, 0, CoreAddress(c.number), c.item.Identifier.Value);
            byte[] library = new byte[64];
            int length = Dlt645Requests.EncodeRead(library, Dlt645Master.Preamble, Dlt645Address.FromNumber(c.number), c.item.Identifier);
            return core.AsSpan().SequenceEqual(library.AsSpan(0, length));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Library_replies_parse_to_the_values_it_encoded_in_every_numeric_format()
    {
        var cases =
            from item in Gen.Elements(NumericItems)
            from digits in Gen.Choose(0, int.MaxValue)
            from negative in Gen.Elements(false, true)
            from number in Addresses
            select (item, Value(item.Format, digits, negative), number);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var format = c.item.Format;
            var address = Dlt645Address.FromNumber(c.number);
            byte[] plain = new byte[format.Bytes];
            Dlt645ValueCodec.Encode(plain, format, Dlt645Value.OfNumber(c.Item2));
            byte[] reply = new byte[64];
            int length = Dlt645Replies.EncodeRead(reply, 2, address, c.item.Identifier, plain, more: false);

            var status = Dlt645Master.TryDecodeReadResponse(reply, 0, length, CoreAddress(c.number), c.item.Identifier.Value,
                out int offset, out int valueLength, out int errorCode, out int consumed, out FrameError error);
            return status == DecodeStatus.Complete && error == FrameError.None && errorCode == -1 && consumed == length &&
                   valueLength == format.Bytes &&
                   CoreBcd.TryDecode(reply, offset, format.Bytes, format.Decimals, format.Signed, out double value) &&
                   value == (double)c.Item2;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(0x02)] // no data requested
    [InlineData(0x04)] // password error / unauthorised
    [InlineData(0x40)]
    public void Library_error_replies_give_their_error_word(byte errorWord)
    {
        var address = Dlt645Address.FromNumber(12345);
        byte[] reply = new byte[32];
        int length = Dlt645Replies.EncodeError(reply, 0, address, Dlt645ControlCode.ReadData, errorWord);

        Assert.Equal(DecodeStatus.Complete, Dlt645Master.TryDecodeReadResponse(reply, 0, length, CoreAddress(12345), 0x00010000,
            out _, out _, out int errorCode, out _, out _));
        Assert.Equal(errorWord, errorCode);
    }

    [Fact]
    public void The_library_decodes_the_core_s_requests()
    {
        byte[] request = new byte[Dlt645Master.ReadRequestLength];
        Dlt645Master.EncodeReadRequest(request, 0, CoreAddress(12345678), 0x02010100);
        Assert.Equal(Dlt645DecodeStatus.Complete, Dlt645Framing.TryDecode(request, out var frame, out int consumed, out _));
        Assert.Equal((Dlt645Address.FromNumber(12345678), Dlt645ControlCode.ReadData, request.Length), (frame.Address, frame.Control, consumed));
    }

    private static byte[] CoreAddress(long number)
    {
        byte[] address = new byte[6];
        Assert.True(CoreBcd.TryParseAddress(number.ToString("D12"), address));
        return address;
    }

    /// <summary>A value the format can carry: up to its digit count, its decimals, negative only when signed.</summary>
    private static decimal Value(Dlt645DataFormat format, int digits, bool negative)
    {
        int places = 2 * format.Bytes - (format.Signed ? 1 : 0);
        long max = (long)Math.Pow(10, Math.Min(places, 9)) - 1;
        decimal value = (digits % (max + 1)) / (decimal)Math.Pow(10, format.Decimals);
        return format.Signed && negative ? -value : value;
    }
}
