using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Devices.Modbus;

/// <summary>
/// A Modbus device (any transport) the gateway polls: its points merged into as few reads as the read plan allows;
/// a failed block marks only its points bad with the reason (timeout, exception code, garbled response); timeouts and
/// garbled responses are retried as configured. After <see cref="ModbusDevicePolicy.OfflineAfter"/> polls in a row
/// with no good block the device is offline: polls return bad readings with reason <c>offline</c> without touching the
/// bus until the back-off has passed, then one poll tries again; a good answer brings it back.
/// </summary>
internal sealed partial class ModbusDevice : IDevice
{
    private readonly ModbusClient _client;
    private readonly byte _unitId;
    private readonly IReadOnlyList<ModbusPoint> _points;
    private readonly IReadOnlyList<ReadBlock> _plan;
    private readonly ModbusDevicePolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IAsyncDisposable? _transportLease;
    private int _failedPolls;
    private TimeSpan _backoff;
    private DateTimeOffset _retryAt;

    public ModbusDevice(string id, TimeSpan interval, ModbusClient client, byte unitId, IReadOnlyList<ModbusPoint> points,
        ReadPlanOptions planOptions, ModbusDevicePolicy policy, TimeProvider time, ILogger logger, IAsyncDisposable? transportLease = null)
    {
        Id = id;
        Interval = interval;
        _client = client;
        _unitId = unitId;
        _points = points;
        _plan = ModbusReadPlanner.Plan(points.Select(p => p.Location).ToArray(), planOptions);
        _policy = policy;
        _time = time;
        _logger = logger;
        _transportLease = transportLease;
        _backoff = policy.Backoff;
    }

    public string Id { get; }

    public TimeSpan Interval { get; }

    /// <summary>The read requests one poll makes.</summary>
    public IReadOnlyList<ReadBlock> Plan => _plan;

    /// <summary>False while the device is backed off after repeated failures.</summary>
    public bool IsOnline => _failedPolls < _policy.OfflineAfter;

    /// <summary>Requests and failures by kind.</summary>
    public ModbusDeviceStatistics Statistics { get; } = new();

    public async ValueTask<IReadOnlyList<Reading>> PollAsync(CancellationToken cancellationToken)
    {
        var readings = new Reading[_points.Count];
        if (!IsOnline && _time.GetUtcNow() < _retryAt)
        {
            var now = _time.GetUtcNow();
            for (int i = 0; i < _points.Count; i++) readings[i] = Reading.Bad(Id, _points[i].Name, now, $"offline (next try {_retryAt:HH:mm:ss}Z)");
            return readings;
        }
        int goodBlocks = 0;
        string? lastReason = null;
        bool busDown = false;
        foreach (var block in _plan)
        {
            var (values, reason) = await ReadBlockAsync(block, cancellationToken).ConfigureAwait(false);
            var ts = _time.GetUtcNow();
            if (reason is null) goodBlocks++;
            else lastReason = reason;
            busDown |= BusDownReason.Is(reason);
            foreach (int index in block.Points)
            {
                readings[index] = reason is null ? Decode(_points[index], block, values!, ts) : Reading.Bad(Id, _points[index].Name, ts, reason);
            }
        }
        if (!busDown || goodBlocks > 0) UpdateHealth(goodBlocks > 0 || _plan.Count == 0, lastReason); // a down bus is not the device's failure
        return readings;
    }

    private async ValueTask<(Array? Values, string? Reason)> ReadBlockAsync(ReadBlock block, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            Statistics.Request();
            try
            {
                return block.Function switch
                {
                    ModbusFunctionCode.ReadCoils => (await _client.ReadCoilsAsync(_unitId, block.StartAddress, block.Count, cancellationToken).ConfigureAwait(false), null),
                    ModbusFunctionCode.ReadDiscreteInputs => (await _client.ReadDiscreteInputsAsync(_unitId, block.StartAddress, block.Count, cancellationToken).ConfigureAwait(false), null),
                    ModbusFunctionCode.ReadHoldingRegisters => (await _client.ReadHoldingRegistersAsync(_unitId, block.StartAddress, block.Count, cancellationToken).ConfigureAwait(false), null),
                    _ => (await _client.ReadInputRegistersAsync(_unitId, block.StartAddress, block.Count, cancellationToken).ConfigureAwait(false), null),
                };
            }
            catch (ModbusServerException ex)
            {
                Statistics.Exception();
                return (null, $"exception 0x{(byte)ex.ExceptionCode:X2} ({ModbusExceptionCodes.Describe(ex.ExceptionCode)})");
            }
            catch (ModbusConnectionException ex) when (BusDownReason.Of(ex) is { } busDown)
            {
                Statistics.ConnectionError();
                return (null, busDown); // the bus logs it, once
            }
            catch (ModbusConnectionException ex)
            {
                Statistics.ConnectionError();
                LogBlockFailed(_logger, Id, block.Function, block.StartAddress, block.Count, ex.Message);
                return (null, "connection failed");
            }
            catch (ModbusException ex) when (ex is ModbusTimeoutException or ModbusProtocolException)
            {
                string reason;
                if (ex is ModbusProtocolException protocol)
                {
                    Statistics.ProtocolError();
                    reason = $"bad response ({Describe(protocol.Error)})";
                }
                else
                {
                    Statistics.Timeout();
                    reason = "timeout";
                }
                if (attempt < _policy.Retries) continue;
                LogBlockFailed(_logger, Id, block.Function, block.StartAddress, block.Count, ex.Message);
                return (null, reason);
            }
        }
    }

    private Reading Decode(ModbusPoint point, ReadBlock block, Array values, DateTimeOffset ts)
    {
        int offset = point.Address - block.StartAddress;
        double raw;
        if (values is bool[] bits)
        {
            raw = bits[offset] ? 1 : 0;
        }
        else if (!ModbusValueCodec.TryDecode(((ushort[])values).AsSpan(offset, point.Count), point.Type, point.Order, out raw, point.Bit))
        {
            Statistics.DecodeError();
            return Reading.Bad(Id, point.Name, ts, "invalid BCD");
        }
        if (!double.IsFinite(raw))
        {
            Statistics.DecodeError();
            return Reading.Bad(Id, point.Name, ts, $"not a number ({raw})");
        }
        return Reading.Good(Id, point.Name, raw * point.Scale + point.Offset, ts);
    }

    private void UpdateHealth(bool answered, string? reason)
    {
        if (answered)
        {
            if (!IsOnline) LogBackOnline(_logger, Id);
            _failedPolls = 0;
            _backoff = _policy.Backoff;
            return;
        }
        _failedPolls++;
        if (_failedPolls < _policy.OfflineAfter) return;
        _retryAt = _time.GetUtcNow() + _backoff;
        LogOffline(_logger, Id, _failedPolls, reason ?? "no answer", _backoff.TotalSeconds);
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _policy.MaxBackoff.Ticks));
    }

    private static string Describe(FrameError error) => error switch
    {
        FrameError.BadCrc => "bad CRC",
        FrameError.WrongUnitId => "wrong unit id",
        FrameError.WrongTransactionId => "wrong transaction id",
        FrameError.BadByteCount => "byte count does not match",
        FrameError.UnexpectedFunction => "unexpected function code",
        _ => error.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        if (_transportLease is not null) await _transportLease.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: read of function {Function} at {Address} x {Count} failed: {Error}")]
    private static partial void LogBlockFailed(ILogger logger, string deviceId, ModbusFunctionCode function, ushort address, ushort count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} offline after {Failures} failed polls ({Reason}); next try in {BackoffSeconds} s")]
    private static partial void LogOffline(ILogger logger, string deviceId, int failures, string reason, double backoffSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} answers again")]
    private static partial void LogBackOnline(ILogger logger, string deviceId);
}
