using System.Runtime.CompilerServices;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// Modbus TCP: PDUs framed with the MBAP header over a <see cref="TcpChannel"/> (or any byte channel).
/// Each request gets the next transaction id; a response with an older id (a late answer to a request that
/// timed out) is skipped, so a timeout does not desynchronise the connection. A broken length field closes the
/// connection; the next exchange reconnects. No allocation per exchange in the steady state.
/// </summary>
/// <remarks>Modbus Messaging on TCP/IP Implementation Guide V1.0b §3.1 (MBAP, transaction pairing) and §4.</remarks>
public sealed class ModbusTcpTransport : IModbusTransport
{
    private const int ReceiveBufferLength = 4 * MbapFraming.MaxAduLength;
    private readonly IByteChannel _channel;
    private readonly ModbusTcpTransportOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ResponseTimer _timer;
    private readonly byte[] _send = new byte[MbapFraming.MaxAduLength];
    private readonly byte[] _receive = new byte[ReceiveBufferLength];
    private int _receiveStart, _receiveEnd;
    private ushort _transactionId;

    /// <summary>Creates a transport over <paramref name="channel"/>, which it owns (disposes).</summary>
    public ModbusTcpTransport(IByteChannel channel, ModbusTcpTransportOptions? options = null, TimeProvider? timeProvider = null)
    {
        _channel = channel;
        _options = options ?? new ModbusTcpTransportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxInFlight, 1);
        _timer = new ResponseTimer(timeProvider ?? TimeProvider.System);
    }

    /// <summary>Creates a transport that connects to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public ModbusTcpTransport(string host, int port = TcpChannelOptions.DefaultPort, ModbusTcpTransportOptions? options = null,
        TimeProvider? timeProvider = null)
        : this(new TcpChannel(new TcpChannelOptions { Host = host, Port = port }, timeProvider), options, timeProvider)
    {
    }

    /// <summary>The channel underneath (for its name and state).</summary>
    public IByteChannel Channel => _channel;

    /// <summary>Responses skipped because their transaction id matched no outstanding request.</summary>
    public long StaleResponses { get; private set; }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ExchangeAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu,
        CancellationToken cancellationToken = default)
    {
        if (requestPdu.Length is 0 or > ModbusPdu.MaxLength) throw new ArgumentOutOfRangeException(nameof(requestPdu));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_channel.IsOpen)
            {
                _receiveStart = _receiveEnd = 0;
                await _channel.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            ushort transactionId = ++_transactionId;
            int length = MbapFraming.Encode(_send, transactionId, unitId, requestPdu.Span);
            var token = _timer.Start(_options.ResponseTimeout, cancellationToken);
            try
            {
                await _channel.WriteAsync(_send.AsMemory(0, length), token).ConfigureAwait(false);
                while (true)
                {
                    int pduLength = TryTakeResponse(transactionId, unitId, responsePdu.Span);
                    if (pduLength > 0) return pduLength;
                    if (_receiveEnd == _receive.Length)
                    {
                        Buffer.BlockCopy(_receive, _receiveStart, _receive, 0, _receiveEnd - _receiveStart);
                        _receiveEnd -= _receiveStart;
                        _receiveStart = 0;
                    }
                    _receiveEnd += await _channel.ReadAsync(_receive.AsMemory(_receiveEnd), token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModbusTimeoutException(_options.ResponseTimeout, $"{_channel.Name} unit {unitId}");
            }
            catch (ModbusConnectionException)
            {
                _receiveStart = _receiveEnd = 0;
                throw;
            }
            finally
            {
                _timer.Stop();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Decodes buffered frames: returns the PDU length of the awaited response, 0 when more bytes are needed.</summary>
    private int TryTakeResponse(ushort transactionId, byte unitId, Span<byte> responsePdu)
    {
        while (true)
        {
            var status = MbapFraming.TryDecode(_receive.AsSpan(_receiveStart, _receiveEnd - _receiveStart), out var frame, out int consumed, out var error);
            if (status == DecodeStatus.NeedMoreData)
            {
                if (_receiveStart == _receiveEnd) _receiveStart = _receiveEnd = 0;
                return 0;
            }
            if (status == DecodeStatus.Invalid)
            {
                if (consumed == 0)
                {
                    _channel.Close();
                    _receiveStart = _receiveEnd = 0;
                }
                else
                {
                    _receiveStart += consumed;
                }
                throw new ModbusProtocolException(error, $"{_channel.Name}: malformed MBAP frame ({error})");
            }
            _receiveStart += consumed;
            if (frame.TransactionId != transactionId)
            {
                StaleResponses++;
                continue;
            }
            if (frame.UnitId != unitId)
            {
                throw new ModbusProtocolException(FrameError.WrongUnitId,
                    $"{_channel.Name}: response from unit {frame.UnitId} to a request to unit {unitId}");
            }
            if (frame.Pdu.Length > responsePdu.Length) throw new ArgumentException("response buffer shorter than the response PDU", nameof(responsePdu));
            frame.Pdu.CopyTo(responsePdu);
            return frame.Pdu.Length;
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        _timer.Dispose();
        _gate.Dispose();
    }
}
