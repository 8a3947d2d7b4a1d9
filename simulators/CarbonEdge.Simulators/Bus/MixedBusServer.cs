using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Meters.Dlt645;

namespace CarbonEdge.Simulators.Bus;

/// <summary>
/// The device side of one RS-485 bus carrying DL/T 645 meters and Modbus RTU meters together, served on one serial
/// line. Each request is told by how it starts: FEH (wake-up) or 68H opens a DL/T 645 frame, framed by L and answered
/// by the meter whose address it names; anything else is a Modbus RTU request, framed by its function code and
/// answered by the unit it names (so no Modbus unit may be 104 = 68H). Requests to devices not on the bus go
/// unanswered, as on a real bus; a garbled frame, or a partial one followed by <see cref="PartialFrameTimeout"/> of
/// silence, is counted and dropped.
/// </summary>
/// <remarks>DL/T 645-2007 §7.1 (frame, wake-up bytes), Modbus over Serial Line V1.02 §2.5.1 (RTU framing).</remarks>
internal sealed class MixedBusServer(IReadOnlyList<Dlt645MeterResponder> meters, MeterDataStore modbus) : IAsyncDisposable
{
    /// <summary>Silence after which a partial frame is dropped: 500 ms, the longest gap DL/T 645-2007 §7.4 allows between bytes of a frame.</summary>
    public static readonly TimeSpan PartialFrameTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>The Modbus unit id that would start like a DL/T 645 frame (68H), which this bus cannot serve.</summary>
    public const byte ReservedUnit = Dlt645Framing.StartByte;

    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _dlt645Requests, _modbusRequests, _badFrames;
    private int _disposed;

    /// <summary>DL/T 645 frames received (for any address).</summary>
    public long Dlt645Requests => Interlocked.Read(ref _dlt645Requests);

    /// <summary>Modbus RTU requests received (for any unit).</summary>
    public long ModbusRequests => Interlocked.Read(ref _modbusRequests);

    /// <summary>Frames dropped: bad check sum or CRC, a false start, or partial.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    /// <summary>Opens <paramref name="channel"/> (which it owns) and serves on it until disposed or the line fails.</summary>
    /// <exception cref="ChannelException">The port cannot be opened.</exception>
    public async Task StartAsync(IByteChannel channel)
    {
        await channel.OpenAsync(_stop.Token).ConfigureAwait(false);
        _loop = Task.Run(async () =>
        {
            await using (channel.ConfigureAwait(false))
            {
                await ServeAsync(channel, _stop.Token).ConfigureAwait(false);
            }
        });
    }

    private async Task ServeAsync(IByteChannel channel, CancellationToken cancellationToken)
    {
        var receive = new byte[2 * Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxLeadingBytes];
        var send = new byte[Dlt645Framing.MaxFrameLength + RtuFraming.MaxAduLength];
        int end = 0;
        try
        {
            while (true)
            {
                int count = await channel.ReadAsync(receive.AsMemory(end), end == 0 ? Timeout.InfiniteTimeSpan : PartialFrameTimeout, cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    Interlocked.Increment(ref _badFrames); // a partial frame, then silence
                    end = 0;
                    continue;
                }
                end += count;
                while (end > 0)
                {
                    int consumed = Answer(receive.AsSpan(0, end), send, out int length);
                    if (consumed == 0) break;
                    receive.AsSpan(consumed, end - consumed).CopyTo(receive);
                    end -= consumed;
                    if (length > 0) await channel.WriteAsync(send.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }
                if (end == receive.Length)
                {
                    Interlocked.Increment(ref _badFrames);
                    end = 0;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // stopped, or the line went away
        }
    }

    /// <summary>Frames one request at the start of <paramref name="input"/>; returns the bytes it took (0: need more) and the reply's length.</summary>
    private int Answer(ReadOnlySpan<byte> input, Span<byte> reply, out int length)
    {
        length = 0;
        int consumed;
        if (input[0] is Dlt645Framing.WakeUpByte or Dlt645Framing.StartByte)
        {
            var status = Dlt645Framing.TryDecode(input, out var frame, out consumed, out _);
            if (status == Dlt645DecodeStatus.NeedMoreData) return 0;
            Interlocked.Increment(ref status == Dlt645DecodeStatus.Complete ? ref _dlt645Requests : ref _badFrames);
            if (status != Dlt645DecodeStatus.Complete) return consumed;
            foreach (var meter in meters)
            {
                length = meter.Respond(frame, reply, faulty: false);
                if (length > 0) break;
            }
            return consumed;
        }
        var rtu = RtuFraming.TryDecodeRequest(input, silenceFollows: false, out var request, out consumed, out _);
        if (rtu == DecodeStatus.NeedMoreData) return 0;
        if (rtu == DecodeStatus.Invalid)
        {
            Interlocked.Increment(ref _badFrames);
            return input.Length; // garbage: resynchronise on what comes next
        }
        Interlocked.Increment(ref _modbusRequests);
        if (request.UnitId == 0 || !modbus.HasUnit(request.UnitId)) return consumed;
        Span<byte> response = stackalloc byte[ModbusPdu.MaxLength];
        int pdu = ModbusRequestProcessor.Process(modbus, request.UnitId, request.Pdu, response);
        length = RtuFraming.Encode(reply, request.UnitId, response[..pdu]);
        return consumed;
    }

    /// <summary>Stops serving and closes the line.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
