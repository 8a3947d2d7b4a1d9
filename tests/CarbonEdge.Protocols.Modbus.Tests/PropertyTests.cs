using System.Buffers.Binary;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>
/// FsCheck properties: every function code's request and response, and every data type in every word order, survive an
/// encode/decode round trip (inside RTU and MBAP frames too); random and corrupted bytes never make a decoder or the
/// server throw, and never come out of the RTU decoder as a frame whose CRC is wrong.
/// </summary>
public class PropertyTests
{
    private static readonly Config RoundTrips = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly Config Garbage = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Gen<ushort> Word = Gen.Choose(0, 0xFFFF).Select(i => (ushort)i);
    private static readonly Gen<byte> Octet = Gen.Choose(0, 0xFF).Select(i => (byte)i);
    private static readonly Gen<byte> Unit = Gen.Choose(1, 247).Select(i => (byte)i);
    private static readonly Gen<bool> Bit = Gen.Elements(true, false);
    private static readonly Gen<WordOrder> Order = Gen.Elements(Enum.GetValues<WordOrder>());

    private static Gen<T[]> ArrayOf<T>(Gen<T> element, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(element, n));

    private static void Check<T>(Gen<T> gen, Action<T> property, Config config) =>
        Prop.ForAll(gen.ToArbitrary(), property).Check(config);

    /// <summary>A PDU travels inside an RTU frame and an MBAP frame and comes out the same; every shorter prefix needs more data.</summary>
    private static void AssertFramesCarry(byte unitId, ReadOnlySpan<byte> pdu, bool isRequest)
    {
        Span<byte> adu = stackalloc byte[MbapFraming.MaxAduLength];
        int length = RtuFraming.Encode(adu, unitId, pdu);
        Assert.Equal(DecodeStatus.Complete, RtuFraming.TryDecode(adu[..length], isRequest, false, out var rtu, out int consumed, out _));
        Assert.Equal((unitId, length), (rtu.UnitId, consumed));
        Assert.True(rtu.Pdu.SequenceEqual(pdu));
        Assert.Equal(DecodeStatus.NeedMoreData, RtuFraming.TryDecode(adu[..(length - 1)], isRequest, false, out _, out consumed, out _));
        Assert.Equal(0, consumed);

        length = MbapFraming.Encode(adu, 0xBEEF, unitId, pdu);
        Assert.Equal(DecodeStatus.Complete, MbapFraming.TryDecode(adu[..length], out var mbap, out consumed, out _));
        Assert.Equal((0xBEEF, unitId, length), (mbap.TransactionId, mbap.UnitId, consumed));
        Assert.True(mbap.Pdu.SequenceEqual(pdu));
    }

    [Fact]
    public void ReadBits_01_02_RoundTrip() => Check(
        from function in Gen.Elements(ModbusFunctionCode.ReadCoils, ModbusFunctionCode.ReadDiscreteInputs)
        from start in Word
        from bits in ArrayOf(Bit, 1, ReadBitsPdu.MaxCount)
        from unit in Unit
        select (function, start, bits, unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = ReadBitsPdu.EncodeRequest(pdu, c.function, c.start, (ushort)c.bits.Length);
            Assert.Equal(DecodeStatus.Complete, ReadBitsPdu.TryDecodeRequest(pdu[..n], out ushort start, out ushort count, out _));
            Assert.Equal((c.start, c.bits.Length), (start, (int)count));
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);

            n = ReadBitsPdu.EncodeResponse(pdu, c.function, c.bits);
            var decoded = new bool[c.bits.Length];
            Assert.Equal(DecodeStatus.Complete, ReadBitsPdu.TryDecodeResponse(pdu[..n], decoded, out _));
            Assert.Equal(c.bits, decoded);
            Assert.Equal(0, pdu[n - 1] >> (c.bits.Length - 1) % 8 + 1); // unused high bits are zero
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);
        }, RoundTrips);

    [Fact]
    public void ReadRegisters_03_04_RoundTrip() => Check(
        from function in Gen.Elements(ModbusFunctionCode.ReadHoldingRegisters, ModbusFunctionCode.ReadInputRegisters)
        from start in Word
        from registers in ArrayOf(Word, 1, ReadRegistersPdu.MaxCount)
        from unit in Unit
        select (function, start, registers, unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = ReadRegistersPdu.EncodeRequest(pdu, c.function, c.start, (ushort)c.registers.Length);
            Assert.Equal(DecodeStatus.Complete, ReadRegistersPdu.TryDecodeRequest(pdu[..n], out ushort start, out ushort count, out _));
            Assert.Equal((c.start, c.registers.Length), (start, (int)count));
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);

            n = ReadRegistersPdu.EncodeResponse(pdu, c.function, c.registers);
            var decoded = new ushort[c.registers.Length];
            Assert.Equal(DecodeStatus.Complete, ReadRegistersPdu.TryDecodeResponse(pdu[..n], decoded, out _));
            Assert.Equal(c.registers, decoded);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);
        }, RoundTrips);

    [Fact]
    public void WriteSingle_05_06_RoundTrip() => Check(
        from address in Word
        from value in Word
        from coil in Bit
        from unit in Unit
        select (address, value, coil, unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = WriteSingleCoilPdu.Encode(pdu, c.address, c.coil);
            Assert.Equal(DecodeStatus.Complete, WriteSingleCoilPdu.TryDecode(pdu[..n], out ushort address, out bool coil, out _));
            Assert.Equal((c.address, c.coil), (address, coil));
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);

            n = WriteSingleRegisterPdu.Encode(pdu, c.address, c.value);
            Assert.Equal(DecodeStatus.Complete, WriteSingleRegisterPdu.TryDecode(pdu[..n], out address, out ushort value, out _));
            Assert.Equal((c.address, c.value), (address, value));
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);
        }, RoundTrips);

    [Fact]
    public void WriteMultipleCoils_15_RoundTrip() => Check(
        from start in Word
        from bits in ArrayOf(Bit, 1, WriteMultipleCoilsPdu.MaxCount)
        from unit in Unit
        select (start, bits, unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = WriteMultipleCoilsPdu.EncodeRequest(pdu, c.start, c.bits);
            Assert.Equal(DecodeStatus.Complete, WriteMultipleCoilsPdu.TryDecodeRequest(pdu[..n], out ushort start, out ushort count, out var packed, out _));
            var bits = new bool[count];
            BitPacking.Unpack(packed, bits);
            Assert.Equal(c.start, start);
            Assert.Equal(c.bits, bits);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);

            n = WriteMultipleCoilsPdu.EncodeResponse(pdu, c.start, (ushort)c.bits.Length);
            Assert.Equal(DecodeStatus.Complete, WriteMultipleCoilsPdu.TryDecodeResponse(pdu[..n], out start, out count, out _));
            Assert.Equal((c.start, c.bits.Length), (start, (int)count));
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);
        }, RoundTrips);

    [Fact]
    public void WriteMultipleRegisters_16_RoundTrip() => Check(
        from start in Word
        from values in ArrayOf(Word, 1, WriteMultipleRegistersPdu.MaxCount)
        from unit in Unit
        select (start, values, unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = WriteMultipleRegistersPdu.EncodeRequest(pdu, c.start, c.values);
            Assert.Equal(DecodeStatus.Complete, WriteMultipleRegistersPdu.TryDecodeRequest(pdu[..n], out ushort start, out ushort count, out var bytes, out _));
            var values = new ushort[count];
            RegisterBytes.Read(bytes, values);
            Assert.Equal(c.start, start);
            Assert.Equal(c.values, values);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);

            n = WriteMultipleRegistersPdu.EncodeResponse(pdu, c.start, (ushort)c.values.Length);
            Assert.Equal(DecodeStatus.Complete, WriteMultipleRegistersPdu.TryDecodeResponse(pdu[..n], out start, out count, out _));
            Assert.Equal((c.start, c.values.Length), (start, (int)count));
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);
        }, RoundTrips);

    [Fact]
    public void ReadWriteMultipleRegisters_23_RoundTrip() => Check(
        from readAddress in Word
        from read in ArrayOf(Word, 1, ReadWriteMultipleRegistersPdu.MaxReadCount)
        from writeAddress in Word
        from written in ArrayOf(Word, 1, ReadWriteMultipleRegistersPdu.MaxWriteCount)
        from unit in Unit
        select (readAddress, read, writeAddress, written, unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = ReadWriteMultipleRegistersPdu.EncodeRequest(pdu, c.readAddress, (ushort)c.read.Length, c.writeAddress, c.written);
            Assert.Equal(DecodeStatus.Complete, ReadWriteMultipleRegistersPdu.TryDecodeRequest(pdu[..n],
                out ushort readAddress, out ushort readCount, out ushort writeAddress, out ushort writeCount, out var bytes, out _));
            var written = new ushort[writeCount];
            RegisterBytes.Read(bytes, written);
            Assert.Equal((c.readAddress, c.read.Length, c.writeAddress), (readAddress, (int)readCount, writeAddress));
            Assert.Equal(c.written, written);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);

            n = ReadWriteMultipleRegistersPdu.EncodeResponse(pdu, c.read);
            var read = new ushort[c.read.Length];
            Assert.Equal(DecodeStatus.Complete, ReadWriteMultipleRegistersPdu.TryDecodeResponse(pdu[..n], read, out _));
            Assert.Equal(c.read, read);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);
        }, RoundTrips);

    [Fact]
    public void ReadDeviceIdentification_43_14_RoundTrip() => Check(
        from code in Gen.Elements(Enum.GetValues<ReadDeviceIdCode>())
        from objectId in Octet
        from ids in ArrayOf(Octet, 0, 40)
        from values in ArrayOf(ArrayOf(Gen.Choose(0x20, 0xFF).Select(i => (char)i), 0, 60).Select(chars => new string(chars)), 40, 40)
        from unit in Unit
        select (code, objectId, objects: ids.Distinct().Order().Select((id, i) => new DeviceIdentificationObject(id, values[i])).ToArray(), unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = ReadDeviceIdentificationPdu.EncodeRequest(pdu, c.code, c.objectId);
            Assert.Equal(DecodeStatus.Complete, ReadDeviceIdentificationPdu.TryDecodeRequest(pdu[..n], out var code, out byte objectId, out _));
            Assert.Equal((c.code, c.objectId), (code, objectId));
            AssertFramesCarry(c.unit, pdu[..n], isRequest: true);

            n = ReadDeviceIdentificationPdu.EncodeResponse(pdu, c.code, 0x83, c.objects, 0, out int written);
            Assert.Equal(DecodeStatus.Complete, ReadDeviceIdentificationPdu.TryDecodeResponse(pdu[..n], out var response, out _));
            Assert.Equal(c.objects.Take(written), response!.Objects);
            Assert.Equal((c.code, (byte)0x83, written < c.objects.Length), (response.Code, response.ConformityLevel, response.MoreFollows));
            if (response.MoreFollows) Assert.Equal(c.objects[written].Id, response.NextObjectId);
            AssertFramesCarry(c.unit, pdu[..n], isRequest: false);
        }, RoundTrips);

    [Fact]
    public void ExceptionResponse_RoundTrip() => Check(
        from function in Gen.Choose(1, 0x7F).Select(i => (byte)i)
        from code in Gen.Choose(1, 0xFF).Select(i => (ModbusExceptionCode)i)
        from unit in Unit
        select (function, code, unit),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ExceptionPdu.Length];
            ExceptionPdu.Encode(pdu, c.function, c.code);
            Assert.Equal(DecodeStatus.Complete, ExceptionPdu.TryDecode(pdu, out byte function, out var code, out _));
            Assert.Equal((c.function, c.code), (function, code));
            AssertFramesCarry(c.unit, pdu, isRequest: false);
        }, RoundTrips);

    /// <summary>Values that each type holds exactly (integers within what a double carries exactly).</summary>
    private static Gen<double> ValuesOf(ModbusDataType type) => type switch
    {
        ModbusDataType.Bit => Gen.Elements(0.0, 1.0),
        ModbusDataType.Int16 => Gen.Choose(short.MinValue, short.MaxValue).Select(i => (double)i),
        ModbusDataType.UInt16 => Gen.Choose(0, ushort.MaxValue).Select(i => (double)i),
        ModbusDataType.Int32 => Gen.Choose(int.MinValue, int.MaxValue).Select(i => (double)i),
        ModbusDataType.UInt32 => Gen.Choose(int.MinValue, int.MaxValue).Select(i => (double)(uint)i),
        ModbusDataType.Int64 => Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(0, 1 << 21)).Select(p => (double)(((long)p.Item1 << 21) + p.Item2)),
        ModbusDataType.UInt64 => Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 1 << 22)).Select(p => (double)(((ulong)(uint)p.Item1 << 22) + (uint)p.Item2)),
        ModbusDataType.Float32 => Gen.Choose(int.MinValue, int.MaxValue).Select(bits => (double)BitConverter.Int32BitsToSingle(bits)).Where(v => !double.IsNaN(v)),
        ModbusDataType.Float64 => Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(int.MinValue, int.MaxValue))
            .Select(p => BitConverter.Int64BitsToDouble((long)p.Item1 << 32 | (uint)p.Item2)).Where(v => !double.IsNaN(v)),
        ModbusDataType.Bcd16 => Gen.Choose(0, 9999).Select(i => (double)i),
        ModbusDataType.Bcd32 => Gen.Choose(0, 99_999_999).Select(i => (double)i),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    [Fact]
    public void EveryDataType_InEveryWordOrder_RoundTrips() => Check(
        from type in Gen.Elements(Enum.GetValues<ModbusDataType>().Where(t => t != ModbusDataType.String).ToArray())
        from value in ValuesOf(type)
        from order in Order
        from bit in Gen.Choose(0, 15)
        from background in ArrayOf(Word, 4, 4)
        select (type, value, order, bit, background),
        c =>
        {
            var registers = (ushort[])c.background.Clone();
            ModbusValueCodec.Encode(c.value, c.type, c.order, registers, c.bit);
            Assert.True(ModbusValueCodec.TryDecode(registers, c.type, c.order, out double decoded, c.bit));
            Assert.Equal(BitConverter.DoubleToInt64Bits(c.value), BitConverter.DoubleToInt64Bits(decoded));
            int width = ModbusValueCodec.RegisterCount(c.type);
            Assert.Equal(c.background[width..], registers[width..]); // nothing written past the value
            if (c.type == ModbusDataType.Bit) Assert.Equal(c.background[0] & ~(1 << c.bit), registers[0] & ~(1 << c.bit));
        }, RoundTrips);

    [Fact]
    public void Registers_ToBigEndianAndBack_IsTheIdentity_AndAbcdIsTheWireOrder() => Check(
        from registers in ArrayOf(Word, 1, 4)
        from order in Order
        select (registers, order),
        c =>
        {
            Span<byte> bytes = stackalloc byte[2 * c.registers.Length];
            ModbusValueCodec.ToBigEndian(c.registers, c.order, bytes);
            var back = new ushort[c.registers.Length];
            ModbusValueCodec.FromBigEndian(bytes, c.order, back);
            Assert.Equal(c.registers, back);
            // ABCD is the wire order itself.
            Span<byte> wire = stackalloc byte[bytes.Length];
            RegisterBytes.Write(c.registers, wire);
            ModbusValueCodec.ToBigEndian(c.registers, WordOrder.ABCD, bytes);
            Assert.True(wire.SequenceEqual(bytes));
        }, RoundTrips);

    [Fact]
    public void Strings_RoundTrip_InEveryWordOrder() => Check(
        from text in ArrayOf(Gen.Choose(0x21, 0x7E).Select(i => (char)i), 0, 40).Select(chars => new string(chars))
        from spare in Gen.Choose(0, 3)
        from order in Order
        select (text, registers: (text.Length + 1) / 2 + spare, order),
        c =>
        {
            var registers = new ushort[Math.Max(1, c.registers)];
            ModbusValueCodec.EncodeString(c.text, c.order, registers);
            Assert.Equal(c.text, ModbusValueCodec.DecodeString(registers, c.order));
        }, RoundTrips);

    private static readonly Gen<byte[]> RandomBytes = ArrayOf(Octet, 0, 300);

    [Fact]
    public void RandomBytes_NeverCrashTheDecoders() => Check(RandomBytes, bytes =>
    {
        ReadOnlySpan<byte> input = bytes;
        AssertPrefixRule(ModbusPdu.TryGetRequestLength(input, out _, out _), 0);
        AssertPrefixRule(ModbusPdu.TryGetResponseLength(input, out _, out _), 0);
        Span<ushort> registers = stackalloc ushort[Math.Max(1, input.Length % 126)];
        Span<bool> bits = stackalloc bool[Math.Max(1, input.Length * 7 % 2001)];
        ReadRegistersPdu.TryDecodeRequest(input, out _, out _, out _);
        ReadRegistersPdu.TryDecodeResponse(input, registers, out _);
        ReadBitsPdu.TryDecodeRequest(input, out _, out _, out _);
        ReadBitsPdu.TryDecodeResponse(input, bits, out _);
        WriteSingleCoilPdu.TryDecode(input, out _, out _, out _);
        WriteSingleRegisterPdu.TryDecode(input, out _, out _, out _);
        WriteMultipleCoilsPdu.TryDecodeRequest(input, out _, out _, out _, out _);
        WriteMultipleCoilsPdu.TryDecodeResponse(input, out _, out _, out _);
        WriteMultipleRegistersPdu.TryDecodeRequest(input, out _, out _, out _, out _);
        WriteMultipleRegistersPdu.TryDecodeResponse(input, out _, out _, out _);
        ReadWriteMultipleRegistersPdu.TryDecodeRequest(input, out _, out _, out _, out _, out _, out _);
        ReadWriteMultipleRegistersPdu.TryDecodeResponse(input, registers, out _);
        ReadDeviceIdentificationPdu.TryDecodeRequest(input, out _, out _, out _);
        ReadDeviceIdentificationPdu.TryDecodeResponse(input, out _, out _);
        ExceptionPdu.TryDecode(input, out _, out _, out _);

        var status = MbapFraming.TryDecode(input, out var mbap, out int consumed, out _);
        AssertPrefixRule(status, consumed);
        if (status == DecodeStatus.Complete)
        {
            Assert.Equal(6 + BinaryPrimitives.ReadUInt16BigEndian(input[4..]), consumed);
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(input[2..]));
            Assert.Equal(consumed - MbapFraming.HeaderLength, mbap.Pdu.Length);
        }
        foreach (bool isRequest in new[] { true, false })
        {
            foreach (bool silence in new[] { true, false })
            {
                AssertRtuFrameIsSound(input, isRequest, silence);
            }
        }
    }, Garbage);

    [Fact]
    public void CorruptedRtuFrames_NeverDecodeWithAWrongCrc() => Check(
        from unit in Unit
        from registers in ArrayOf(Word, 1, 125)
        from isRequest in Bit
        from flips in ArrayOf(Gen.Choose(0, 8 * 256 - 1), 1, 3)
        from cut in Gen.Choose(0, 3)
        from tail in ArrayOf(Octet, 0, 8)
        select (unit, registers, isRequest, flips, cut, tail),
        c =>
        {
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            int n = c.isRequest
                ? WriteMultipleRegistersPdu.EncodeRequest(pdu, 0x10, c.registers[..Math.Min(c.registers.Length, WriteMultipleRegistersPdu.MaxCount)])
                : ReadRegistersPdu.EncodeResponse(pdu, ModbusFunctionCode.ReadHoldingRegisters, c.registers);
            var adu = new byte[RtuFraming.MaxAduLength];
            int length = RtuFraming.Encode(adu, c.unit, pdu[..n]);
            foreach (int flip in c.flips) adu[flip / 8 % length] ^= (byte)(1 << flip % 8);
            var input = adu.AsSpan(0, length - c.cut).ToArray().Concat(c.tail).ToArray();
            AssertRtuFrameIsSound(input, c.isRequest, silenceFollows: false);
            AssertRtuFrameIsSound(input, c.isRequest, silenceFollows: true);
        }, Garbage);

    [Fact]
    public void RandomRequests_AlwaysGetAWellFormedAnswerFromTheServer()
    {
        var map = new ModbusRegisterMap([1], size: 1000)
        {
            Identification = new ModbusDeviceIdentification([new(0, "CarbonEdge"), new(1, "SIM"), new(2, "1.0")]),
        };
        var functions = Gen.Elements<byte>(1, 2, 3, 4, 5, 6, 15, 16, 23, 43, 0, 7, 0x41, 0x83);
        Check(
            from function in functions
            from body in ArrayOf(Octet, 0, 252)
            select new[] { function }.Concat(body).ToArray(),
            request =>
            {
                var response = new byte[ModbusPdu.MaxLength];
                int length = ModbusRequestProcessor.Process(map, 1, request, response);
                Assert.InRange(length, 2, ModbusPdu.MaxLength);
                Assert.True(response[0] == request[0] || response[0] == (request[0] | ModbusPdu.ExceptionFlag));
                Assert.Equal(DecodeStatus.Complete, ModbusPdu.TryGetResponseLength(response.AsSpan(0, length), out int expected, out _));
                Assert.Equal(expected, length);
            }, Garbage);
    }

    /// <summary>NeedMoreData consumes nothing; Complete and Invalid consume within the input.</summary>
    private static void AssertPrefixRule(DecodeStatus status, int consumed)
    {
        if (status == DecodeStatus.NeedMoreData) Assert.Equal(0, consumed);
        Assert.InRange(consumed, 0, int.MaxValue);
    }

    /// <summary>Whatever the input, a Complete RTU frame is a prefix of it whose CRC matches, and Invalid moves on.</summary>
    private static void AssertRtuFrameIsSound(ReadOnlySpan<byte> input, bool isRequest, bool silenceFollows)
    {
        var status = RtuFraming.TryDecode(input, isRequest, silenceFollows, out var frame, out int consumed, out _);
        AssertPrefixRule(status, consumed);
        Assert.InRange(consumed, 0, input.Length);
        if (status == DecodeStatus.Invalid) Assert.True(consumed >= 1);
        if (status != DecodeStatus.Complete) return;
        var adu = input[..consumed];
        Assert.Equal(ModbusCrc.Compute(adu[..^2]), BinaryPrimitives.ReadUInt16LittleEndian(adu[^2..]));
        Assert.Equal(adu[0], frame.UnitId);
        Assert.True(frame.Pdu.SequenceEqual(adu[1..^2]));
        Assert.InRange(consumed, 4, RtuFraming.MaxAduLength);
    }
}
