using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>Request and response PDUs of the worked examples in Modbus Application Protocol V1.1b3 §6 and §7.</summary>
public class PduGoldenTests
{
    [Fact]
    public void ReadHoldingRegisters_Section6_3()
    {
        Span<byte> buffer = stackalloc byte[256];
        int n = ReadRegistersPdu.EncodeRequest(buffer, ModbusFunctionCode.ReadHoldingRegisters, 0x006B, 3);
        Assert.Equal("03006B0003", Hex.Of(buffer[..n]));

        var response = Hex.Bytes("03 06 02 2B 00 00 00 64");
        var registers = new ushort[3];
        Assert.Equal(DecodeStatus.Complete, ReadRegistersPdu.TryDecodeResponse(response, registers, out _));
        Assert.Equal(new ushort[] { 0x022B, 0x0000, 0x0064 }, registers);
        n = ReadRegistersPdu.EncodeResponse(buffer, ModbusFunctionCode.ReadHoldingRegisters, registers);
        Assert.Equal(Hex.Of(response), Hex.Of(buffer[..n]));
    }

    [Fact]
    public void ReadInputRegisters_Section6_4()
    {
        Span<byte> buffer = stackalloc byte[256];
        int n = ReadRegistersPdu.EncodeRequest(buffer, ModbusFunctionCode.ReadInputRegisters, 0x0008, 1);
        Assert.Equal("0400080001", Hex.Of(buffer[..n]));
        var registers = new ushort[1];
        Assert.Equal(DecodeStatus.Complete, ReadRegistersPdu.TryDecodeResponse(Hex.Bytes("04 02 00 0A"), registers, out _));
        Assert.Equal(10, registers[0]);
    }

    [Fact]
    public void ReadCoils_Section6_1()
    {
        Span<byte> buffer = stackalloc byte[256];
        int n = ReadBitsPdu.EncodeRequest(buffer, ModbusFunctionCode.ReadCoils, 0x0013, 0x0013);
        Assert.Equal("0100130013", Hex.Of(buffer[..n]));
        // Coils 20-38: CD 6B 05 -> 1011 0011 / 1101 0110 / 101 (LSB first)
        var bits = new bool[19];
        Assert.Equal(DecodeStatus.Complete, ReadBitsPdu.TryDecodeResponse(Hex.Bytes("01 03 CD 6B 05"), bits, out _));
        Assert.Equal("1011001111010110101", string.Concat(bits.Select(b => b ? '1' : '0')));
        n = ReadBitsPdu.EncodeResponse(buffer, ModbusFunctionCode.ReadCoils, bits);
        Assert.Equal("0103CD6B05", Hex.Of(buffer[..n]));
    }

    [Fact]
    public void ReadDiscreteInputs_Section6_2()
    {
        var bits = new bool[22];
        Assert.Equal(DecodeStatus.Complete, ReadBitsPdu.TryDecodeResponse(Hex.Bytes("02 03 AC DB 35"), bits, out _));
        Span<byte> buffer = stackalloc byte[16];
        int n = ReadBitsPdu.EncodeResponse(buffer, ModbusFunctionCode.ReadDiscreteInputs, bits);
        Assert.Equal("0203ACDB35", Hex.Of(buffer[..n]));
    }

    [Fact]
    public void WriteSingleCoilAndRegister_Sections6_5_6_6()
    {
        Span<byte> buffer = stackalloc byte[16];
        int n = WriteSingleCoilPdu.Encode(buffer, 0x00AC, true);
        Assert.Equal("0500ACFF00", Hex.Of(buffer[..n]));
        Assert.Equal(DecodeStatus.Invalid, WriteSingleCoilPdu.TryDecode(Hex.Bytes("05 00 AC 12 34"), out _, out _, out var error));
        Assert.Equal(FrameError.BadValue, error);
        n = WriteSingleRegisterPdu.Encode(buffer, 0x0001, 0x0003);
        Assert.Equal("0600010003", Hex.Of(buffer[..n]));
    }

    [Fact]
    public void WriteMultipleCoils_Section6_11()
    {
        Span<byte> buffer = stackalloc byte[16];
        bool[] values = "1011001110".Select(c => c == '1').ToArray();
        int n = WriteMultipleCoilsPdu.EncodeRequest(buffer, 0x0013, values);
        Assert.Equal("0F0013000A02CD01", Hex.Of(buffer[..n]));
        Assert.Equal(DecodeStatus.Complete, WriteMultipleCoilsPdu.TryDecodeRequest(buffer[..n], out ushort start, out ushort count, out var packed, out _));
        Assert.Equal((0x13, 10, "CD01"), (start, count, Hex.Of(packed)));
        n = WriteMultipleCoilsPdu.EncodeResponse(buffer, 0x0013, 10);
        Assert.Equal("0F0013000A", Hex.Of(buffer[..n]));
    }

    [Fact]
    public void WriteMultipleRegisters_Section6_12()
    {
        Span<byte> buffer = stackalloc byte[16];
        int n = WriteMultipleRegistersPdu.EncodeRequest(buffer, 0x0001, [0x000A, 0x0102]);
        Assert.Equal("100001000204000A0102", Hex.Of(buffer[..n]));
        Assert.Equal(DecodeStatus.Invalid, WriteMultipleRegistersPdu.TryDecodeRequest(Hex.Bytes("10 00 01 00 02 02 00 0A"), out _, out _, out _, out var error));
        Assert.Equal(FrameError.BadByteCount, error);
    }

    [Fact]
    public void ReadWriteMultipleRegisters_Section6_17()
    {
        Span<byte> buffer = stackalloc byte[32];
        int n = ReadWriteMultipleRegistersPdu.EncodeRequest(buffer, 0x0003, 6, 0x000E, [0x00FF, 0x00FF, 0x00FF]);
        Assert.Equal("1700030006000E00030600FF00FF00FF", Hex.Of(buffer[..n]));
        var registers = new ushort[6];
        Assert.Equal(DecodeStatus.Complete, ReadWriteMultipleRegistersPdu.TryDecodeResponse(Hex.Bytes("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF"), registers, out _));
        Assert.Equal(new ushort[] { 0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF }, registers);
    }

    [Fact]
    public void ReadDeviceIdentification_Section6_21()
    {
        Span<byte> buffer = stackalloc byte[256];
        int n = ReadDeviceIdentificationPdu.EncodeRequest(buffer, ReadDeviceIdCode.Basic, 0);
        Assert.Equal("2B0E0100", Hex.Of(buffer[..n]));
        DeviceIdentificationObject[] objects = [new(0, "Company identification"), new(1, "Product code XX"), new(2, "V2.11")];
        n = ReadDeviceIdentificationPdu.EncodeResponse(buffer, ReadDeviceIdCode.Basic, 0x01, objects, 0, out int written);
        Assert.Equal(3, written);
        Assert.Equal("2B0E01010000030016" + Convert.ToHexString("Company identification"u8) + "010F" + Convert.ToHexString("Product code XX"u8)
            + "0205" + Convert.ToHexString("V2.11"u8), Hex.Of(buffer[..n]));
        Assert.Equal(DecodeStatus.Complete, ReadDeviceIdentificationPdu.TryDecodeResponse(buffer[..n], out var response, out _));
        Assert.Equal(objects, response!.Objects);
        Assert.False(response.MoreFollows);
    }

    [Fact]
    public void ExceptionResponse_Section7()
    {
        Assert.Equal(DecodeStatus.Complete, ExceptionPdu.TryDecode(Hex.Bytes("81 02"), out byte function, out var code, out _));
        Assert.Equal((1, ModbusExceptionCode.IllegalDataAddress), (function, code));
        Span<byte> buffer = stackalloc byte[2];
        ExceptionPdu.Encode(buffer, 0x01, ModbusExceptionCode.IllegalDataAddress);
        Assert.Equal("8102", Hex.Of(buffer));
    }

    [Theory]
    [InlineData("03006B0003", 5)]
    [InlineData("0F0013000A02CD01", 8)]
    [InlineData("100001000204000A0102", 10)]
    [InlineData("1700030006000E00030600FF00FF00FF", 16)]
    [InlineData("2B0E0100", 4)]
    public void RequestLength_IsKnownFromTheFirstBytes(string hex, int expected)
    {
        var pdu = Hex.Bytes(hex);
        Assert.Equal(DecodeStatus.Complete, ModbusPdu.TryGetRequestLength(pdu, out int length, out _));
        Assert.Equal(expected, length);
    }
}
