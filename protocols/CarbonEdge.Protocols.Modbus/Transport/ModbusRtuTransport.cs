using System.Runtime.CompilerServices;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// Modbus RTU: address + PDU + CRC-16 over a serial port (<c>modbus-rtu</c>) or a TCP connection to a serial device
/// server or DTU (<c>modbus-rtutcp</c>). One transport is one bus: exactly one request is on it at a time, however many
/// devices and clients share it. Before each request the line must have been quiet for the frame gap plus the
/// inter-frame delay, and stale input is dropped; a response ends at the length its function code implies. A bad CRC,
/// a short frame or another unit's answer is a <see cref="ModbusProtocolException"/>; no whole response within the
/// response timeout (kept by the channel's receive thread, so it holds while the thread pool is busy), a
/// <see cref="ModbusTimeoutException"/>. Broadcasts (unit 0) get no response: the turnaround delay follows.
/// </summary>
/// <remarks>Modbus over Serial Line V1.02 §2.1-§2.5 (RTU mode, master state diagram, CRC).</remarks>
public sealed class ModbusRtuTransport : IModbusTransport
{
    private readonly BusLine _line;
    private readonly bool _ownsLine;
    private readonly IByteChannel _channel;
    private readonly ModbusRtuTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[] _send = new byte[RtuFraming.MaxAduLength];
    private readonly byte[] _receive = new byte[RtuFraming.MaxAduLength + 64];

    /// <summary>Creates the transport over <paramref name="channel"/>, which it owns (disposes), alone on its line.</summary>
    public ModbusRtuTransport(IByteChannel channel, ModbusRtuTransportOptions? options = null, TimeProvider? timeProvider = null)
        : this(new BusLine(channel, timeProvider: timeProvider, firstRetry: TimeSpan.Zero, maxRetry: TimeSpan.Zero), options, timeProvider) => _ownsLine = true;

    /// <summary>
    /// Creates the transport on <paramref name="line"/>, which it shares (e.g. with DL/T 645 meters on the same RS-485
    /// bus) and does not dispose: each request takes the line's turn, and keeps the frame gap after any frame on it.
    /// </summary>
    public ModbusRtuTransport(BusLine line, ModbusRtuTransportOptions? options = null, TimeProvider? timeProvider = null)
    {
        _line = line;
        _channel = line.Channel;
        _options = options ?? new ModbusRtuTransportOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A transport on a serial port, with t3.5 taken from its line settings.</summary>
    public static ModbusRtuTransport OverSerial(SerialPortOptions port, TimeSpan responseTimeout, TimeSpan interFrameDelay = default,
        TimeSpan? turnaroundDelay = null, TimeProvider? timeProvider = null) =>
        new(new SerialChannel(port), new ModbusRtuTransportOptions
        {
            ResponseTimeout = responseTimeout,
            FrameGap = port.FrameGap,
            InterFrameDelay = interFrameDelay,
            TurnaroundDelay = turnaroundDelay ?? ModbusRtuTransportOptions.DefaultTurnaroundDelay,
        }, timeProvider);

    /// <summary>The channel underneath.</summary>
    public IByteChannel Channel => _channel;

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ExchangeAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu,
        CancellationToken cancellationToken = default)
    {
        if (requestPdu.Length is 0 or > ModbusPdu.MaxLength) throw new ArgumentOutOfRangeException(nameof(requestPdu));
        if (unitId > 247) throw new ArgumentOutOfRangeException(nameof(unitId), "RTU addresses are 0 (broadcast) and 1-247");
        await _line.TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ExchangeOnBusAsync(unitId, requestPdu, responsePdu, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelException ex)
        {
            throw new ModbusConnectionException(ex.Message, ex);
        }
        finally
        {
            _line.EndTurn();
        }
    }

    /// <summary>One exchange, with the bus held.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ExchangeOnBusAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu,
        CancellationToken cancellationToken)
    {
        await _channel.OpenAsync(cancellationToken).ConfigureAwait(false);
        var quiet = _options.FrameGap + _options.InterFrameDelay - _time.GetElapsedTime(_line.QuietSince);
        if (_line.QuietSince != 0 && quiet > TimeSpan.Zero) await Task.Delay(quiet, _time, cancellationToken).ConfigureAwait(false);
        _channel.DiscardInput();
        int length = RtuFraming.Encode(_send, unitId, requestPdu.Span);
        try
        {
            await _channel.WriteAsync(_send.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            if (unitId == 0)
            {
                await Task.Delay(_options.TurnaroundDelay, _time, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            long sent = _time.GetTimestamp();
            int received = 0;
            while (true)
            {
                var left = _options.ResponseTimeout - _time.GetElapsedTime(sent);
                int read = left > TimeSpan.Zero
                    ? await _channel.ReadAsync(_receive.AsMemory(received), left, cancellationToken).ConfigureAwait(false)
                    : 0;
                if (read == 0) throw new ModbusTimeoutException(_options.ResponseTimeout, $"{_channel.Name} unit {unitId}");
                received += read;
                var status = RtuFraming.TryDecodeResponse(_receive.AsSpan(0, received), silenceFollows: false, out var frame, out _, out var error);
                if (status == DecodeStatus.NeedMoreData) continue;
                if (status == DecodeStatus.Invalid)
                {
                    throw new ModbusProtocolException(error, $"{_channel.Name}: {Describe(error)} in the response of unit {unitId}");
                }
                if (frame.UnitId != unitId)
                {
                    throw new ModbusProtocolException(FrameError.WrongUnitId, $"{_channel.Name}: response from unit {frame.UnitId} to a request to unit {unitId}");
                }
                if (frame.Pdu.Length > responsePdu.Length) throw new ArgumentException("response buffer shorter than the response PDU", nameof(responsePdu));
                frame.Pdu.CopyTo(responsePdu.Span);
                return frame.Pdu.Length;
            }
        }
        finally
        {
            _line.QuietSince = _time.GetTimestamp();
        }
    }

    private static string Describe(FrameError error) => error switch
    {
        FrameError.BadCrc => "CRC mismatch",
        FrameError.BadLength => "truncated or oversized frame",
        FrameError.UnknownFunction => "unknown function code",
        _ => error.ToString(),
    };

    /// <summary>Closes the port or connection, unless the line is shared (its owner closes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsLine) await _line.DisposeAsync().ConfigureAwait(false);
    }
}
