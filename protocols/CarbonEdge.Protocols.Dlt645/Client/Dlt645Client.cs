using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;

namespace CarbonEdge.Protocols.Dlt645.Client;

/// <summary>
/// A DL/T 645 master on one bus: a serial line, or a TCP connection to a transparent serial server or DTU (the same
/// bytes). Exactly one request is on the bus at a time, however many callers share the client. Before each request
/// stale input is dropped and the line has been quiet for <see cref="Dlt645ClientOptions.InterFrameDelay"/>; the
/// request goes out with its wake-up bytes; the reply is framed by L (wake-up bytes and noise before it are skipped).
/// A B1H reply is followed by 12H reads until the last frame. A timeout or a garbled reply is retried
/// <see cref="Dlt645ClientOptions.Retries"/> times; an error word is not.
/// </summary>
/// <remarks>DL/T 645-2007 §7 (frames), §7.3.1–7.3.4 (broadcast time sync, read data, read follow-up, read address), §7.4 (transmission).</remarks>
public sealed class Dlt645Client : IAsyncDisposable
{
    private readonly BusLine _line;
    private readonly bool _ownsLine;
    private readonly IByteChannel _channel;
    private readonly Dlt645ClientOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[] _send = new byte[Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxPreamble];
    private readonly byte[] _receive = new byte[2 * Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxLeadingBytes];

    /// <summary>Creates the client over <paramref name="channel"/>, which it owns (disposes), alone on its line.</summary>
    public Dlt645Client(IByteChannel channel, Dlt645ClientOptions? options = null, TimeProvider? timeProvider = null)
        : this(new BusLine(channel, timeProvider: timeProvider, firstRetry: TimeSpan.Zero, maxRetry: TimeSpan.Zero), options, timeProvider) => _ownsLine = true;

    /// <summary>
    /// Creates the client on <paramref name="line"/>, which it shares (e.g. with Modbus RTU devices on the same RS-485
    /// bus) and does not dispose: each request takes the line's turn, and keeps the inter-frame delay after any frame on it.
    /// </summary>
    public Dlt645Client(BusLine line, Dlt645ClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new Dlt645ClientOptions();
        _options.Validate();
        _line = line;
        _channel = line.Channel;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The channel underneath (for its name in messages).</summary>
    public IByteChannel Channel => _channel;

    /// <summary>
    /// Reads <paramref name="identifier"/> from the meter at <paramref name="address"/> (11H, or 01H for a 1997
    /// identifier), following B1H replies with 12H reads, and decodes the values by the catalogue.
    /// </summary>
    /// <exception cref="Dlt645DeviceException">The meter answered an error word.</exception>
    /// <exception cref="Dlt645ProtocolException">The reply was garbled or not an answer to the request (after retries).</exception>
    /// <exception cref="Dlt645TimeoutException">No reply (after retries).</exception>
    /// <exception cref="Dlt645ConnectionException">The port or connection failed.</exception>
    public async Task<Dlt645Reading> ReadAsync(Dlt645Address address, Dlt645DataIdentifier identifier, CancellationToken cancellationToken = default)
    {
        var raw = new List<byte>();
        var reply = await ExchangeAsync(address, identifier, followUp: false, sequence: 0, raw, cancellationToken).ConfigureAwait(false);
        int frames = 1;
        for (byte sequence = 1; reply.More; sequence++)
        {
            if (frames >= byte.MaxValue) throw new Dlt645ProtocolException(Dlt645FrameError.BadLength, $"{_channel.Name} meter {address}: more than {byte.MaxValue} follow-up frames for {identifier}");
            reply = await ExchangeAsync(address, identifier, followUp: true, sequence, raw, cancellationToken).ConfigureAwait(false);
            frames++;
        }
        byte[] bytes = [.. raw];
        if (!Dlt645Catalog.TryGet(identifier, out var item)) return new Dlt645Reading(identifier, null, [], bytes, frames);
        var values = new Dlt645Value[Math.Max(1, bytes.Length / item.Format.Bytes)];
        var error = Dlt645ValueCodec.TryDecodeAll(bytes, item.Format, values, out int count);
        if (error != Dlt645FrameError.None)
        {
            throw new Dlt645ProtocolException(error, $"{_channel.Name} meter {address}: {bytes.Length} value bytes of {identifier} are no whole {item.Format.Picture} values ({error})");
        }
        return new Dlt645Reading(identifier, item, values[..count], bytes, frames);
    }

    /// <summary>Reads the address of the one meter on a point-to-point line (13H to AA…AA, reply 93H).</summary>
    /// <exception cref="Dlt645Exception">As <see cref="ReadAsync"/>.</exception>
    public Task<Dlt645Address> ReadAddressAsync(CancellationToken cancellationToken = default) =>
        WithRetriesAsync(async ct =>
        {
            int length = Dlt645Requests.EncodeReadAddress(_send, _options.Preamble);
            return await SendAndReceiveAsync(length, Dlt645Address.Wildcard, "read address", (in Dlt645Frame frame) =>
            {
                if (frame.Control != Dlt645ControlCode.ReadAddressReply)
                {
                    throw new Dlt645ProtocolException(Dlt645FrameError.UnexpectedControlCode, $"{_channel.Name}: control code {(byte)frame.Control:X2}H in reply to read address (13H)");
                }
                if (frame.DataLength != Dlt645Address.Length)
                {
                    throw new Dlt645ProtocolException(Dlt645FrameError.BadLength, $"{_channel.Name}: read address reply with L = {frame.DataLength}");
                }
                Span<byte> plain = stackalloc byte[Dlt645Address.Length];
                frame.CopyData(plain);
                return Dlt645Address.Read(plain);
            }, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Sends a broadcast time sync (08H to 99…99) setting every meter on the bus to <paramref name="meterLocalTime"/>
    /// (the meters' local time); no meter replies. The caller keeps the standard's limits (see docs/dlt645.md).
    /// </summary>
    /// <exception cref="Dlt645ConnectionException">The port or connection failed.</exception>
    public async Task SendTimeSyncAsync(DateTime meterLocalTime, CancellationToken cancellationToken = default)
    {
        await _line.TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
            int length = Dlt645Requests.EncodeTimeSync(_send, _options.Preamble, meterLocalTime);
            try
            {
                await WriteAsync(length, cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.TurnaroundDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _line.QuietSince = _time.GetTimestamp();
            }
        }
        finally
        {
            _line.EndTurn();
        }
    }

    private Task<Dlt645ReadReply> ExchangeAsync(Dlt645Address address, Dlt645DataIdentifier identifier, bool followUp, byte sequence,
        List<byte> raw, CancellationToken cancellationToken)
    {
        string what = followUp ? $"read follow-up {sequence} of {identifier}" : $"read {identifier}";
        return WithRetriesAsync(async ct =>
        {
            int length = followUp
                ? Dlt645Requests.EncodeReadFollowUp(_send, _options.Preamble, address, identifier, sequence)
                : Dlt645Requests.EncodeRead(_send, _options.Preamble, address, identifier);
            var values = new byte[Dlt645Framing.MaxDataLength];
            var reply = await SendAndReceiveAsync(length, address, what, (in Dlt645Frame frame) =>
            {
                var error = Dlt645ReadReply.TryParse(frame, address, identifier, followUp, values, out var parsed);
                if (error != Dlt645FrameError.None)
                {
                    throw new Dlt645ProtocolException(error, $"{_channel.Name} meter {address}: {Describe(error)} in the reply to {what} (from {frame.Address}, control {(byte)frame.Control:X2}H)");
                }
                return parsed;
            }, ct).ConfigureAwait(false);
            if (reply.IsError) throw new Dlt645DeviceException(reply.ErrorWord, identifier.Version, $"{_channel.Name} meter {address}, {what}");
            raw.AddRange(values.AsSpan(0, reply.ValueLength));
            return reply;
        }, cancellationToken);
    }

    private delegate T FrameReader<T>(in Dlt645Frame frame);

    private async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (int tries = 0; ; tries++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Dlt645Exception ex) when (ex is Dlt645TimeoutException or Dlt645ProtocolException && tries < _options.Retries)
            {
                // a garbled or missing reply: try again (an error word or a broken port is not retried)
            }
        }
    }

    private async Task<T> SendAndReceiveAsync<T>(int length, Dlt645Address address, string what, FrameReader<T> read, CancellationToken cancellationToken)
    {
        await _line.TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteAsync(length, cancellationToken).ConfigureAwait(false);
                long sent = _time.GetTimestamp();
                int received = 0;
                while (true)
                {
                    var left = _options.ResponseTimeout - _time.GetElapsedTime(sent);
                    int count = 0;
                    if (left > TimeSpan.Zero)
                    {
                        if (received == _receive.Length) throw new Dlt645ProtocolException(Dlt645FrameError.NoStart, $"{_channel.Name} meter {address}: {received} bytes without a frame in the reply to {what}");
                        try
                        {
                            count = await _channel.ReadAsync(_receive.AsMemory(received), left, cancellationToken).ConfigureAwait(false);
                        }
                        catch (ChannelException ex)
                        {
                            throw new Dlt645ConnectionException($"{_channel.Name}: {ex.Message}", ex);
                        }
                    }
                    if (count == 0) throw new Dlt645TimeoutException(_options.ResponseTimeout, $"{_channel.Name} meter {address}, {what}");
                    received += count;
                    while (true)
                    {
                        var status = Dlt645Framing.TryDecode(_receive.AsSpan(0, received), out var frame, out int consumed, out var error);
                        if (status == Dlt645DecodeStatus.NeedMoreData) break;
                        if (status == Dlt645DecodeStatus.Complete) return read(frame);
                        if (error is Dlt645FrameError.BadChecksum or Dlt645FrameError.BadEnd)
                        {
                            throw new Dlt645ProtocolException(error, $"{_channel.Name} meter {address}: {Describe(error)} in the reply to {what}");
                        }
                        // noise or a false start before the reply: drop it and look again
                        _receive.AsSpan(consumed, received - consumed).CopyTo(_receive);
                        received -= consumed;
                    }
                }
            }
            finally
            {
                _line.QuietSince = _time.GetTimestamp();
            }
        }
        finally
        {
            _line.EndTurn();
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _channel.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelException ex)
        {
            throw new Dlt645ConnectionException($"{_channel.Name}: {ex.Message}", ex);
        }
        var quiet = _options.InterFrameDelay - _time.GetElapsedTime(_line.QuietSince);
        if (_line.QuietSince != 0 && quiet > TimeSpan.Zero) await Task.Delay(quiet, _time, cancellationToken).ConfigureAwait(false);
        _channel.DiscardInput();
    }

    private async Task WriteAsync(int length, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.WriteAsync(_send.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelException ex)
        {
            throw new Dlt645ConnectionException($"{_channel.Name}: {ex.Message}", ex);
        }
    }

    private static string Describe(Dlt645FrameError error) => error switch
    {
        Dlt645FrameError.BadChecksum => "check sum mismatch",
        Dlt645FrameError.BadEnd => "no end byte 16H",
        Dlt645FrameError.WrongAddress => "another meter's address",
        Dlt645FrameError.UnexpectedControlCode => "unexpected control code",
        Dlt645FrameError.WrongDataIdentifier => "another data identifier",
        Dlt645FrameError.BadLength => "wrong data length",
        Dlt645FrameError.BadBcd => "invalid BCD",
        _ => error.ToString(),
    };

    /// <summary>Closes the port or connection, unless the line is shared (its owner closes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsLine) await _line.DisposeAsync().ConfigureAwait(false);
    }
}
