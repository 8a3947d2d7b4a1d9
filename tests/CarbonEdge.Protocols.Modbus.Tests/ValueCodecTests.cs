using CarbonEdge.Protocols.Modbus.Data;

namespace CarbonEdge.Protocols.Modbus.Tests;

public class ValueCodecTests
{
    // 230.5f = 0x43668000: bytes A=43 B=66 C=80 D=00.
    [Theory]
    [InlineData(WordOrder.ABCD, 0x4366, 0x8000)]
    [InlineData(WordOrder.CDAB, 0x8000, 0x4366)]
    [InlineData(WordOrder.BADC, 0x6643, 0x0080)]
    [InlineData(WordOrder.DCBA, 0x0080, 0x6643)]
    public void Float32_InEachOrder(WordOrder order, int first, int second)
    {
        ushort[] registers = [(ushort)first, (ushort)second];
        Assert.Equal(230.5, ModbusValueCodec.Decode(registers, ModbusDataType.Float32, order));
        var encoded = new ushort[2];
        ModbusValueCodec.Encode(230.5, ModbusDataType.Float32, order, encoded);
        Assert.Equal(registers, encoded);
    }

    [Theory]
    [InlineData(ModbusDataType.Int16, WordOrder.ABCD, new ushort[] { 0xFFFE }, -2)]
    [InlineData(ModbusDataType.UInt16, WordOrder.BADC, new ushort[] { 0x3412 }, 0x1234)]
    [InlineData(ModbusDataType.Int32, WordOrder.ABCD, new ushort[] { 0xFFFF, 0xFFFE }, -2)]
    [InlineData(ModbusDataType.UInt32, WordOrder.CDAB, new ushort[] { 0x5678, 0x1234 }, 0x12345678)]
    [InlineData(ModbusDataType.UInt32, WordOrder.DCBA, new ushort[] { 0x7856, 0x3412 }, 0x12345678)]
    [InlineData(ModbusDataType.Int64, WordOrder.ABCD, new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFD }, -3)]
    [InlineData(ModbusDataType.UInt64, WordOrder.CDAB, new ushort[] { 0x0004, 0x0003, 0x0002, 0x0001 }, 0x0001000200030004)]
    [InlineData(ModbusDataType.Float64, WordOrder.ABCD, new ushort[] { 0x4059, 0x0000, 0x0000, 0x0000 }, 100.0)]
    [InlineData(ModbusDataType.Float64, WordOrder.DCBA, new ushort[] { 0x0000, 0x0000, 0x0000, 0x5940 }, 100.0)]
    [InlineData(ModbusDataType.Bcd16, WordOrder.ABCD, new ushort[] { 0x1234 }, 1234)]
    [InlineData(ModbusDataType.Bcd32, WordOrder.ABCD, new ushort[] { 0x0123, 0x4567 }, 1234567)]
    [InlineData(ModbusDataType.Bit, WordOrder.ABCD, new ushort[] { 0x0004 }, 0)]
    public void Types_DecodeAndEncodeBack(ModbusDataType type, WordOrder order, ushort[] registers, double expected)
    {
        Assert.Equal(expected, ModbusValueCodec.Decode(registers, type, order));
        if (type == ModbusDataType.Bit) return;
        var encoded = new ushort[registers.Length];
        ModbusValueCodec.Encode(expected, type, order, encoded);
        Assert.Equal(registers, encoded);
    }

    [Fact]
    public void Bit_PicksTheBit()
    {
        Assert.Equal(1, ModbusValueCodec.Decode([0x0004], ModbusDataType.Bit, WordOrder.ABCD, bit: 2));
        var register = new ushort[] { 0x0001 };
        ModbusValueCodec.Encode(1, ModbusDataType.Bit, WordOrder.ABCD, register, bit: 15);
        Assert.Equal(0x8001, register[0]);
    }

    [Fact]
    public void Bcd_WithANibbleAboveNine_IsNotAValue()
    {
        Assert.False(ModbusValueCodec.TryDecode([0x12A4], ModbusDataType.Bcd16, WordOrder.ABCD, out _));
        Assert.Throws<FormatException>(() => ModbusValueCodec.Decode([0x12A4], ModbusDataType.Bcd16, WordOrder.ABCD));
    }

    [Fact]
    public void Encode_OutOfRange_Throws()
    {
        var registers = new ushort[2];
        Assert.Throws<OverflowException>(() => ModbusValueCodec.Encode(70000, ModbusDataType.UInt16, WordOrder.ABCD, registers));
        Assert.Throws<OverflowException>(() => ModbusValueCodec.Encode(-1, ModbusDataType.Bcd16, WordOrder.ABCD, registers));
    }

    [Theory]
    [InlineData(WordOrder.ABCD, new ushort[] { 0x4443, 0x5A00 }, "DCZ")]
    [InlineData(WordOrder.BADC, new ushort[] { 0x4344, 0x5A20 }, "DC Z")]
    public void String_DecodesAndEncodes(WordOrder order, ushort[] registers, string text)
    {
        Assert.Equal(text, ModbusValueCodec.DecodeString(registers, order));
        var encoded = new ushort[registers.Length];
        ModbusValueCodec.EncodeString(text, order, encoded);
        Assert.Equal(registers, encoded);
    }

    [Theory]
    [InlineData("float32", ModbusDataType.Float32)]
    [InlineData("UINT16", ModbusDataType.UInt16)]
    [InlineData("bcd", ModbusDataType.Bcd16)]
    [InlineData("bit", ModbusDataType.Bit)]
    public void TypeNames_Parse(string name, ModbusDataType expected)
    {
        Assert.True(ModbusValueCodec.TryParseType(name, out var type));
        Assert.Equal(expected, type);
        Assert.False(ModbusValueCodec.TryParseType("3", out _));
        Assert.False(ModbusValueCodec.TryParseType("float16", out _));
    }
}
