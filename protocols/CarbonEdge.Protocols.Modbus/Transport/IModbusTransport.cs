namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// Carries PDUs to a unit and back: the ADU framing (MBAP for TCP; address + CRC for RTU) and the byte channel
/// are the transport's, so one <see cref="Client.ModbusClient"/> works over all of them. One transport is one
/// connection or one serial bus; several clients and unit ids may share it (a serial bus carries one request at a time).
/// </summary>
public interface IModbusTransport : IAsyncDisposable
{
    /// <summary>
    /// Sends <paramref name="requestPdu"/> to <paramref name="unitId"/> and copies the response PDU (normal or exception)
    /// into <paramref name="responsePdu"/> (at least 253 bytes). Returns the response PDU length, or 0 when no response
    /// is expected (broadcast, unit 0, on a serial line).
    /// </summary>
    /// <exception cref="ModbusTimeoutException">No complete response within the response timeout.</exception>
    /// <exception cref="ModbusProtocolException">The response was garbled, had a bad CRC or came from another unit.</exception>
    /// <exception cref="ModbusConnectionException">The connection or port could not be opened or broke.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<int> ExchangeAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu,
        CancellationToken cancellationToken = default);
}
