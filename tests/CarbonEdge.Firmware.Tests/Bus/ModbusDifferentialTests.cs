using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Modbus;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using FsCheck;
using FsCheck.Fluent;
using LibDecodeStatus = CarbonEdge.Protocols.Modbus.Pdu.DecodeStatus;
using FrameError = CarbonEdge.Firmware.Core.Bus.FrameError;
using ModbusCrc = CarbonEdge.Firmware.Core.Modbus.ModbusCrc;

namespace CarbonEdge.Firmware.Tests.Bus;

/// <summary>
/// The core's Modbus RTU master against protocols/CarbonEdge.Protocols.Modbus: the same request frames byte for byte,
/// and the library server's replies (data and exceptions) parsed to the values it serves.
/// </summary>
public sealed class ModbusDifferentialTests
{
    [Fact]
    public void Golden_request_from_the_serial_line_guide()
    {
        // Modbus over Serial Line V1.02 Appendix B example style: unit 1, read holding 0x0000, 2 registers -> CRC C4 0B.
        byte[] frame = new byte[8];
        ModbusRtuMaster.EncodeReadRequest(frame, 0, 1, 0x03, 0, 2);
        Assert.Equal(Convert.FromHexString("010300000002C40B"), frame);
    }

    [Fact]
    public void Request_frames_equal_the_library_s_for_every_unit_function_address_and_quantity()
    {
        var requests =
            from unit in Gen.Choose(1, 247)
            from function in Gen.Elements<byte>(3, 4)
            from start in Gen.Choose(0, 65535)
            from quantity in Gen.Choose(1, 125)
            select (unit, function, start, quantity);
        Prop.ForAll(requests.ToArbitrary(), r =>
        {
            var (unit, function, start, quantity) = r;
            byte[] core = new byte[ModbusRtuMaster.ReadRequestLength];
            ModbusRtuMaster.EncodeReadRequest(core, 0, (byte)unit, function, start, quantity);
            Span<byte> pdu = stackalloc byte[ReadRegistersPdu.RequestLength];
            ReadRegistersPdu.EncodeRequest(pdu, (ModbusFunctionCode)function, (ushort)start, (ushort)quantity);
            byte[] library = new byte[RtuFraming.MaxAduLength];
            int length = RtuFraming.Encode(library, (byte)unit, pdu);
            return core.AsSpan().SequenceEqual(library.AsSpan(0, length));
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(RegisterType.Float32, false, ModbusDataType.Float32, WordOrder.ABCD, 230.5)]
    [InlineData(RegisterType.Float32, true, ModbusDataType.Float32, WordOrder.CDAB, -12345.25)]
    [InlineData(RegisterType.UInt32, false, ModbusDataType.UInt32, WordOrder.ABCD, 4000000000)]
    [InlineData(RegisterType.Int32, true, ModbusDataType.Int32, WordOrder.CDAB, -2000000)]
    [InlineData(RegisterType.UInt16, false, ModbusDataType.UInt16, WordOrder.ABCD, 65000)]
    [InlineData(RegisterType.Int16, false, ModbusDataType.Int16, WordOrder.ABCD, -300)]
    public void Parses_the_library_server_s_reply(RegisterType type, bool swap, ModbusDataType libraryType, WordOrder order, double value)
    {
        var map = new ModbusRegisterMap([7], 0x100);
        map.SetValue(ModbusTable.InputRegisters, 7, 0x20, value, libraryType, order);
        byte[] request = new byte[8];
        int registers = RegisterDecoder.RegisterCount(type);
        ModbusRtuMaster.EncodeReadRequest(request, 0, 7, ModbusRtuMaster.ReadInputRegisters, 0x20, registers);
        byte[] reply = Serve(map, request);

        var status = ModbusRtuMaster.TryDecodeReadResponse(reply, 0, reply.Length, 7, ModbusRtuMaster.ReadInputRegisters, registers,
            out int data, out int exception, out int consumed, out FrameError error);

        Assert.Equal((Core.Bus.DecodeStatus.Complete, 0, reply.Length, FrameError.None), (status, exception, consumed, error));
        Assert.True(RegisterDecoder.TryDecode(reply, data, type, swap, out double decoded));
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void Parses_the_library_server_s_exception_reply()
    {
        var map = new ModbusRegisterMap([7], 0x100);
        byte[] request = new byte[8];
        ModbusRtuMaster.EncodeReadRequest(request, 0, 7, ModbusRtuMaster.ReadHoldingRegisters, 0xFF, 2);
        byte[] reply = Serve(map, request);

        var status = ModbusRtuMaster.TryDecodeReadResponse(reply, 0, reply.Length, 7, 3, 2, out _, out int exception, out int consumed, out _);

        Assert.Equal((Core.Bus.DecodeStatus.Complete, 2, 5), (status, exception, consumed));
    }

    [Fact]
    public void Every_prefix_needs_more_data_and_a_bad_crc_or_unit_is_invalid()
    {
        var map = new ModbusRegisterMap([7], 0x100);
        byte[] request = new byte[8];
        ModbusRtuMaster.EncodeReadRequest(request, 0, 7, 3, 0, 4);
        byte[] reply = Serve(map, request);
        for (int n = 0; n < reply.Length; n++)
            Assert.Equal(Core.Bus.DecodeStatus.NeedMoreData,
                ModbusRtuMaster.TryDecodeReadResponse(reply, 0, n, 7, 3, 4, out _, out _, out int consumed, out _));

        byte[] corrupt = (byte[])reply.Clone();
        corrupt[^1] ^= 0x01;
        Assert.Equal(FrameError.BadChecksum, Decode(corrupt, 7));
        Assert.Equal(FrameError.WrongAddress, Decode(reply, 8));
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_decode_with_a_wrong_crc()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            var status = ModbusRtuMaster.TryDecodeReadResponse(bytes, 0, bytes.Length, 1, 3, 2, out _, out _, out int consumed, out _);
            return status != Core.Bus.DecodeStatus.Complete ||
                   ModbusCrc.Compute(bytes, 0, consumed - 2) == (bytes[consumed - 2] | bytes[consumed - 1] << 8);
        }).QuickCheckThrowOnFailure();
    }

    private static FrameError Decode(byte[] reply, byte unit)
    {
        ModbusRtuMaster.TryDecodeReadResponse(reply, 0, reply.Length, unit, 3, 4, out _, out _, out _, out FrameError error);
        return error;
    }

    /// <summary>The library's server side: RTU request decode, request processor, RTU response encode.</summary>
    internal static byte[] Serve(ModbusRegisterMap map, byte[] request)
    {
        Assert.Equal(LibDecodeStatus.Complete, RtuFraming.TryDecodeRequest(request, true, out var frame, out _, out _));
        Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
        int length = ModbusRequestProcessor.Process(map, frame.UnitId, frame.Pdu, pdu);
        byte[] reply = new byte[RtuFraming.MaxAduLength];
        return reply[..RtuFraming.Encode(reply, frame.UnitId, pdu[..length])];
    }
}
