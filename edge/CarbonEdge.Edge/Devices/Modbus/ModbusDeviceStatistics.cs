namespace CarbonEdge.Edge.Devices.Modbus;

/// <summary>Counters of one Modbus device since start: requests and each kind of failure.</summary>
internal sealed class ModbusDeviceStatistics
{
    private long _requests, _timeouts, _exceptions, _protocolErrors, _connectionErrors, _decodeErrors;

    public long Requests => Interlocked.Read(ref _requests);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    /// <summary>Exception responses from the device.</summary>
    public long Exceptions => Interlocked.Read(ref _exceptions);
    /// <summary>Garbled, short, wrong-CRC or wrong-unit responses.</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);
    public long ConnectionErrors => Interlocked.Read(ref _connectionErrors);
    /// <summary>Values that could not be decoded (invalid BCD, NaN).</summary>
    public long DecodeErrors => Interlocked.Read(ref _decodeErrors);

    public void Request() => Interlocked.Increment(ref _requests);
    public void Timeout() => Interlocked.Increment(ref _timeouts);
    public void Exception() => Interlocked.Increment(ref _exceptions);
    public void ProtocolError() => Interlocked.Increment(ref _protocolErrors);
    public void ConnectionError() => Interlocked.Increment(ref _connectionErrors);
    public void DecodeError() => Interlocked.Increment(ref _decodeErrors);

    public override string ToString() =>
        $"{Requests} requests, {Timeouts} timeouts, {Exceptions} exceptions, {ProtocolErrors} protocol errors, " +
        $"{ConnectionErrors} connection errors, {DecodeErrors} decode errors";
}
