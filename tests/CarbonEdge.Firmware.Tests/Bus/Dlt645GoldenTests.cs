using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Dlt645;

namespace CarbonEdge.Firmware.Tests.Bus;

/// <summary>
/// The core's DL/T 645-2007 master against frames worked out from the standard (§7.1 frame format, §7.3.2 read
/// data, Appendix A data formats); the widely published "read total forward active energy" request with the wildcard
/// address AAAAAAAAAAAA ends in CS AE. <see cref="Dlt645DifferentialTests"/> compares with protocols/CarbonEdge.Protocols.Dlt645.
/// </summary>
public sealed class Dlt645GoldenTests
{
    private static readonly byte[] Meter12345 = Address("000000012345");

    [Fact]
    public void Read_request_for_total_forward_active_energy_with_the_wildcard_address()
    {
        byte[] frame = new byte[Dlt645Master.ReadRequestLength];
        Dlt645Master.EncodeReadRequest(frame, 0, [0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA], 0x00010000);
        Assert.Equal(Convert.FromHexString("FEFEFEFE68AAAAAAAAAAAA681104333334" + "33AE16"), frame);
    }

    [Fact]
    public void Read_request_to_a_nameplate_address()
    {
        byte[] frame = new byte[Dlt645Master.ReadRequestLength];
        Dlt645Master.EncodeReadRequest(frame, 0, Address("000000000001"), 0x00010000);
        Assert.Equal(Convert.FromHexString("FEFEFEFE6801000000000068110433333433B316"), frame);
    }

    [Fact]
    public void Normal_reply_with_energy_123456_78_kWh()
    {
        byte[] reply = Convert.FromHexString("FEFE6845230100000068910833333433AB8967457F16");
        var status = Dlt645Master.TryDecodeReadResponse(reply, 0, reply.Length, Meter12345, 0x00010000,
            out int offset, out int length, out int errorCode, out int consumed, out FrameError error);
        Assert.Equal((DecodeStatus.Complete, 4, -1, reply.Length, FrameError.None), (status, length, errorCode, consumed, error));
        Assert.True(Dlt645Bcd.TryDecode(reply, offset, 4, 2, false, out double kwh));
        Assert.Equal(123456.78, kwh);
    }

    [Fact]
    public void Normal_reply_with_phase_A_voltage_220_1_V()
    {
        byte[] reply = Convert.FromHexString("68452301000000689106333434353455" + "2916");
        Assert.Equal(DecodeStatus.Complete, Dlt645Master.TryDecodeReadResponse(reply, 0, reply.Length, Meter12345, 0x02010100,
            out int offset, out int length, out _, out _, out _));
        Assert.True(Dlt645Bcd.TryDecode(reply, offset, length, 1, false, out double volts));
        Assert.Equal(220.1, volts);
    }

    [Fact]
    public void Signed_values_carry_the_sign_in_the_top_bit()
    {
        // Active power XX.XXXX kW, 3 bytes: -1.2345 kW is 81 23 45 -> low byte first 45 23 81 -> + 0x33.
        byte[] wire = [0x45 + 0x33, 0x23 + 0x33, 0x81 + 0x33];
        Assert.True(Dlt645Bcd.TryDecode(wire, 0, 3, 4, true, out double kw));
        Assert.Equal(-1.2345, kw);
    }

    [Fact]
    public void Error_reply_gives_its_err_byte()
    {
        byte[] reply = Convert.FromHexString("6845230100000068D101354016");
        Assert.Equal(DecodeStatus.Complete, Dlt645Master.TryDecodeReadResponse(reply, 0, reply.Length, Meter12345, 0x00010000,
            out _, out _, out int errorCode, out _, out _));
        Assert.Equal(0x02, errorCode);
    }

    [Fact]
    public void Every_prefix_needs_more_data_and_bad_frames_are_invalid()
    {
        byte[] reply = Convert.FromHexString("FEFE6845230100000068910833333433AB8967457F16");
        for (int n = 0; n < reply.Length; n++)
            Assert.Equal(DecodeStatus.NeedMoreData, Decode(reply[..n], Meter12345, out _));

        byte[] badCs = (byte[])reply.Clone();
        badCs[^2] ^= 1;
        Assert.Equal(DecodeStatus.Invalid, Decode(badCs, Meter12345, out var error));
        Assert.Equal(FrameError.BadChecksum, error);
        Decode(reply, Address("000000000001"), out error);
        Assert.Equal(FrameError.WrongAddress, error);
        Decode(Convert.FromHexString("1234"), Meter12345, out error);
        Assert.Equal(FrameError.BadDelimiter, error);
    }

    [Fact]
    public void A_digit_that_is_not_bcd_is_refused()
    {
        byte[] wire = [0x0A + 0x33, 0x00 + 0x33];
        Assert.False(Dlt645Bcd.TryDecode(wire, 0, 2, 1, false, out _));
        Assert.False(Dlt645Bcd.TryParseAddress("00000001234x", new byte[6]));
    }

    private static DecodeStatus Decode(byte[] frame, byte[] address, out FrameError error) =>
        Dlt645Master.TryDecodeReadResponse(frame, 0, frame.Length, address, 0x00010000, out _, out _, out _, out _, out error);

    private static byte[] Address(string digits)
    {
        byte[] address = new byte[6];
        Assert.True(Dlt645Bcd.TryParseAddress(digits, address));
        return address;
    }
}
