using System.Buffers;
using System.Runtime.CompilerServices;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Client;

/// <summary>
/// Modbus client (master): one method per function code, over any <see cref="IModbusTransport"/> (TCP, RTU,
/// RTU over TCP). Stateless apart from the transport, so one client may be shared, and several clients may share
/// one transport. The client does not own the transport: dispose the transport yourself.
/// </summary>
/// <remarks>
/// Register reads come in two shapes: one returns a new <c>ushort[]</c> (one small allocation), the other fills a
/// caller's <see cref="Memory{T}"/> of the length to read (no allocation in the steady state over TCP).
/// Errors: <see cref="ModbusServerException"/> when the device answers an exception code,
/// <see cref="ModbusProtocolException"/> for a response that does not fit the request, and the transport's
/// <see cref="ModbusTimeoutException"/> and <see cref="ModbusConnectionException"/>. Arguments outside the
/// standard's limits (Modbus Application Protocol V1.1b3 §6) throw <see cref="ArgumentOutOfRangeException"/>
/// before anything is sent.
/// </remarks>
public sealed class ModbusClient(IModbusTransport transport)
{
    private const int BufferLength = 2 * 256;

    /// <summary>The transport requests go over.</summary>
    public IModbusTransport Transport { get; } = transport;

    /// <summary>01 Read Coils: <paramref name="count"/> (1-2000) coils from <paramref name="startAddress"/>.</summary>
    public async ValueTask<bool[]> ReadCoilsAsync(byte unitId, ushort startAddress, ushort count, CancellationToken cancellationToken = default)
    {
        var bits = new bool[count];
        await ReadBitsAsync(ModbusFunctionCode.ReadCoils, unitId, startAddress, bits, cancellationToken).ConfigureAwait(false);
        return bits;
    }

    /// <summary>02 Read Discrete Inputs: <paramref name="count"/> (1-2000) inputs from <paramref name="startAddress"/>.</summary>
    public async ValueTask<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort startAddress, ushort count, CancellationToken cancellationToken = default)
    {
        var bits = new bool[count];
        await ReadBitsAsync(ModbusFunctionCode.ReadDiscreteInputs, unitId, startAddress, bits, cancellationToken).ConfigureAwait(false);
        return bits;
    }

    /// <summary>01 or 02: reads <c>destination.Length</c> (1-2000) bits into <paramref name="destination"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadBitsAsync(ModbusFunctionCode function, byte unitId, ushort startAddress, Memory<bool> destination,
        CancellationToken cancellationToken = default)
    {
        if (function is not (ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs)) throw new ArgumentOutOfRangeException(nameof(function));
        CheckRange(startAddress, destination.Length, ReadBitsPdu.MaxCount, nameof(destination));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            int length = ReadBitsPdu.EncodeRequest(buffer, function, startAddress, (ushort)destination.Length);
            var response = await ExchangeAsync(unitId, function, buffer, length, cancellationToken).ConfigureAwait(false);
            Check(ReadBitsPdu.TryDecodeResponse(response.Span, destination.Span, out var error), error, function);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>03 Read Holding Registers: <paramref name="count"/> (1-125) registers from <paramref name="startAddress"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort startAddress, ushort count, CancellationToken cancellationToken = default)
    {
        var registers = new ushort[count];
        await ReadRegistersAsync(ModbusFunctionCode.ReadHoldingRegisters, unitId, startAddress, registers, cancellationToken).ConfigureAwait(false);
        return registers;
    }

    /// <summary>03 Read Holding Registers into <paramref name="destination"/> (its length, 1-125, is the quantity).</summary>
    public ValueTask ReadHoldingRegistersAsync(byte unitId, ushort startAddress, Memory<ushort> destination, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadHoldingRegisters, unitId, startAddress, destination, cancellationToken);

    /// <summary>04 Read Input Registers: <paramref name="count"/> (1-125) registers from <paramref name="startAddress"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ushort[]> ReadInputRegistersAsync(byte unitId, ushort startAddress, ushort count, CancellationToken cancellationToken = default)
    {
        var registers = new ushort[count];
        await ReadRegistersAsync(ModbusFunctionCode.ReadInputRegisters, unitId, startAddress, registers, cancellationToken).ConfigureAwait(false);
        return registers;
    }

    /// <summary>04 Read Input Registers into <paramref name="destination"/> (its length, 1-125, is the quantity).</summary>
    public ValueTask ReadInputRegistersAsync(byte unitId, ushort startAddress, Memory<ushort> destination, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadInputRegisters, unitId, startAddress, destination, cancellationToken);

    /// <summary>03 or 04: reads <c>destination.Length</c> (1-125) registers into <paramref name="destination"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadRegistersAsync(ModbusFunctionCode function, byte unitId, ushort startAddress, Memory<ushort> destination,
        CancellationToken cancellationToken = default)
    {
        if (function is not (ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters)) throw new ArgumentOutOfRangeException(nameof(function));
        CheckRange(startAddress, destination.Length, ReadRegistersPdu.MaxCount, nameof(destination));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            int length = ReadRegistersPdu.EncodeRequest(buffer, function, startAddress, (ushort)destination.Length);
            var response = await ExchangeAsync(unitId, function, buffer, length, cancellationToken).ConfigureAwait(false);
            Check(ReadRegistersPdu.TryDecodeResponse(response.Span, destination.Span, out var error), error, function);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>05 Write Single Coil.</summary>
    public async ValueTask WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            int length = WriteSingleCoilPdu.Encode(buffer, address, value);
            var response = await ExchangeAsync(unitId, ModbusFunctionCode.WriteSingleCoil, buffer, length, cancellationToken).ConfigureAwait(false);
            if (response.IsEmpty) return;
            CheckEcho(response.Span, buffer.AsSpan(0, length), ModbusFunctionCode.WriteSingleCoil);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>06 Write Single Register.</summary>
    public async ValueTask WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            int length = WriteSingleRegisterPdu.Encode(buffer, address, value);
            var response = await ExchangeAsync(unitId, ModbusFunctionCode.WriteSingleRegister, buffer, length, cancellationToken).ConfigureAwait(false);
            if (response.IsEmpty) return;
            CheckEcho(response.Span, buffer.AsSpan(0, length), ModbusFunctionCode.WriteSingleRegister);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>15 Write Multiple Coils: 1-1968 coils from <paramref name="startAddress"/>.</summary>
    public async ValueTask WriteMultipleCoilsAsync(byte unitId, ushort startAddress, ReadOnlyMemory<bool> values, CancellationToken cancellationToken = default)
    {
        CheckRange(startAddress, values.Length, WriteMultipleCoilsPdu.MaxCount, nameof(values));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            int length = WriteMultipleCoilsPdu.EncodeRequest(buffer, startAddress, values.Span);
            var response = await ExchangeAsync(unitId, ModbusFunctionCode.WriteMultipleCoils, buffer, length, cancellationToken).ConfigureAwait(false);
            if (response.IsEmpty) return;
            Check(WriteMultipleCoilsPdu.TryDecodeResponse(response.Span, out ushort address, out ushort count, out var error), error, ModbusFunctionCode.WriteMultipleCoils);
            if (address != startAddress || count != values.Length) throw EchoMismatch(ModbusFunctionCode.WriteMultipleCoils);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>16 Write Multiple Registers: 1-123 registers from <paramref name="startAddress"/>.</summary>
    public async ValueTask WriteMultipleRegistersAsync(byte unitId, ushort startAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default)
    {
        CheckRange(startAddress, values.Length, WriteMultipleRegistersPdu.MaxCount, nameof(values));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            int length = WriteMultipleRegistersPdu.EncodeRequest(buffer, startAddress, values.Span);
            var response = await ExchangeAsync(unitId, ModbusFunctionCode.WriteMultipleRegisters, buffer, length, cancellationToken).ConfigureAwait(false);
            if (response.IsEmpty) return;
            Check(WriteMultipleRegistersPdu.TryDecodeResponse(response.Span, out ushort address, out ushort count, out var error), error, ModbusFunctionCode.WriteMultipleRegisters);
            if (address != startAddress || count != values.Length) throw EchoMismatch(ModbusFunctionCode.WriteMultipleRegisters);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// 23 Read/Write Multiple Registers: writes <paramref name="values"/> (1-121) at <paramref name="writeAddress"/>,
    /// then reads <paramref name="readCount"/> (1-125) registers from <paramref name="readAddress"/>, in one transaction.
    /// </summary>
    public async ValueTask<ushort[]> ReadWriteMultipleRegistersAsync(byte unitId, ushort readAddress, ushort readCount,
        ushort writeAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default)
    {
        CheckRange(readAddress, readCount, ReadWriteMultipleRegistersPdu.MaxReadCount, nameof(readCount));
        CheckRange(writeAddress, values.Length, ReadWriteMultipleRegistersPdu.MaxWriteCount, nameof(values));
        var registers = new ushort[readCount];
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            int length = ReadWriteMultipleRegistersPdu.EncodeRequest(buffer, readAddress, readCount, writeAddress, values.Span);
            var response = await ExchangeAsync(unitId, ModbusFunctionCode.ReadWriteMultipleRegisters, buffer, length, cancellationToken).ConfigureAwait(false);
            Check(ReadWriteMultipleRegistersPdu.TryDecodeResponse(response.Span, registers, out var error), error, ModbusFunctionCode.ReadWriteMultipleRegisters);
            return registers;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// 43/14 Read Device Identification. For stream codes (basic, regular, extended) follows "more follows" until
    /// every object has been read; for <see cref="ReadDeviceIdCode.Specific"/> reads the one object <paramref name="objectId"/>.
    /// </summary>
    public async ValueTask<ModbusDeviceIdentification> ReadDeviceIdentificationAsync(byte unitId, ReadDeviceIdCode code = ReadDeviceIdCode.Basic,
        byte objectId = 0, CancellationToken cancellationToken = default)
    {
        var objects = new Dictionary<byte, string>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            while (true)
            {
                int length = ReadDeviceIdentificationPdu.EncodeRequest(buffer, code, objectId);
                var response = await ExchangeAsync(unitId, ModbusFunctionCode.EncapsulatedInterfaceTransport, buffer, length, cancellationToken).ConfigureAwait(false);
                Check(ReadDeviceIdentificationPdu.TryDecodeResponse(response.Span, out var decoded, out var error), error, ModbusFunctionCode.EncapsulatedInterfaceTransport);
                foreach (var item in decoded!.Objects) objects[item.Id] = item.Value;
                if (code == ReadDeviceIdCode.Specific || !decoded.MoreFollows) break;
                if (decoded.NextObjectId <= objectId || objects.Count > 255)
                {
                    throw new ModbusProtocolException(FrameError.BadValue, $"device identification: next object id 0x{decoded.NextObjectId:X2} does not advance");
                }
                objectId = decoded.NextObjectId;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new ModbusDeviceIdentification(objects);
    }

    /// <summary>
    /// Sends the request in <c>buffer[..length]</c>, receives the response into the second half of <paramref name="buffer"/>,
    /// throws for exception responses and foreign function codes; returns the response PDU (empty for broadcasts).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadOnlyMemory<byte>> ExchangeAsync(byte unitId, ModbusFunctionCode function, byte[] buffer, int length,
        CancellationToken cancellationToken)
    {
        var responseBuffer = buffer.AsMemory(BufferLength / 2, BufferLength / 2);
        int responseLength = await Transport.ExchangeAsync(unitId, buffer.AsMemory(0, length), responseBuffer, cancellationToken).ConfigureAwait(false);
        if (responseLength == 0)
        {
            return function is ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister
                or ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters
                ? ReadOnlyMemory<byte>.Empty
                : throw new InvalidOperationException($"unit {unitId} is the broadcast address on a serial line: nothing answers; reads need a unit id 1-247");
        }
        var response = responseBuffer[..responseLength];
        byte answered = response.Span[0];
        if (answered == ((byte)function | ModbusPdu.ExceptionFlag))
        {
            Check(ExceptionPdu.TryDecode(response.Span, out _, out var code, out var error), error, function);
            throw new ModbusServerException(code, function);
        }
        if (answered != (byte)function)
        {
            throw new ModbusProtocolException(FrameError.UnexpectedFunction, $"response has function code 0x{answered:X2}, request had 0x{(byte)function:X2}");
        }
        return response;
    }

    private static void CheckRange(ushort startAddress, int count, int maxCount, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, maxCount, name);
        if (startAddress + count > 0x10000) throw new ArgumentOutOfRangeException(name, $"address {startAddress} + {count} passes the end of the 64k address space");
    }

    private static void Check(DecodeStatus status, FrameError error, ModbusFunctionCode function)
    {
        if (status == DecodeStatus.Complete) return;
        if (status == DecodeStatus.NeedMoreData) error = FrameError.BadLength;
        throw new ModbusProtocolException(error, $"malformed response to function 0x{(byte)function:X2} ({error})");
    }

    private static void CheckEcho(ReadOnlySpan<byte> response, ReadOnlySpan<byte> request, ModbusFunctionCode function)
    {
        if (!response.SequenceEqual(request)) throw EchoMismatch(function);
    }

    private static ModbusProtocolException EchoMismatch(ModbusFunctionCode function) =>
        new(FrameError.EchoMismatch, $"response to function 0x{(byte)function:X2} does not echo the request's address, quantity or value");
}
