using System.Net;
using System.Net.Sockets;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Channels;

namespace CarbonEdge.Simulators.Meters.Dlt645;

/// <summary>
/// Serves a <see cref="Dlt645MeterResponder"/> on a serial line (a byte channel) or on TCP (each accepted connection
/// a line of its own, as a transparent serial server passes it). Frames are found by <see cref="Dlt645Framing"/>:
/// wake-up bytes and noise are skipped, a frame with a bad check sum is counted and dropped. Faults (delay, silence,
/// bad check sum, dribble) apply to a <see cref="Dlt645MeterFaults.Rate"/> fraction of replies; with
/// <see cref="Dlt645MeterFaults.ByteTime"/> every reply waits for the request's and its own time on the line.
/// </summary>
internal sealed class Dlt645MeterServer(Dlt645MeterResponder responder, Dlt645MeterFaults faults) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;
    private int _badFrames, _unanswered, _failed;

    /// <summary>Frames dropped for a bad check sum, end byte or start.</summary>
    public int BadFrames => Volatile.Read(ref _badFrames);

    /// <summary>Requests left unanswered on purpose (silent fault).</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    /// <summary>Requests the meter could not answer (a value its format cannot hold); each is printed.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Where it serves, after start.</summary>
    public EndPoint? LocalEndPoint => _listener?.LocalEndpoint;

    /// <summary>Serves on <paramref name="channel"/> (a serial port), which it owns.</summary>
    public async Task StartAsync(IByteChannel channel)
    {
        await channel.OpenAsync(_stop.Token).ConfigureAwait(false);
        Track(Task.Run(async () =>
        {
            await using (channel.ConfigureAwait(false))
            {
                await ServeAsync(
                    (buffer, ct) => channel.ReadAsync(buffer, Timeout.InfiniteTimeSpan, ct),
                    (data, ct) => channel.WriteAsync(data, ct), _stop.Token).ConfigureAwait(false);
            }
        }));
    }

    /// <summary>Listens on <paramref name="endpoint"/> and serves every connection.</summary>
    /// <exception cref="SocketException">It cannot listen there.</exception>
    public void Start(IPEndPoint endpoint)
    {
        _listener = new TcpListener(endpoint);
        _listener.Start();
        Track(Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                client.NoDelay = true;
                Track(Task.Run(async () =>
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        await ServeAsync((buffer, ct) => stream.ReadAsync(buffer, ct), (data, ct) => stream.WriteAsync(data, ct), _stop.Token).ConfigureAwait(false);
                    }
                }));
            }
        }));
    }

    private void Track(Task task)
    {
        lock (_lock) _loops.Add(task);
    }

    private async Task ServeAsync(Func<Memory<byte>, CancellationToken, ValueTask<int>> read, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        var receive = new byte[2 * Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxLeadingBytes];
        var send = new byte[Dlt645Framing.MaxFrameLength + 64 + Math.Max(0, faults.Preamble)];
        int end = 0;
        try
        {
            while (true)
            {
                int count = await read(receive.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (count == 0) return; // the peer closed the connection
                end += count;
                while (end > 0)
                {
                    var status = Dlt645Framing.TryDecode(receive.AsSpan(0, end), out var frame, out int consumed, out _);
                    if (status == Dlt645DecodeStatus.NeedMoreData) break;
                    int length = 0;
                    bool faulty = faults.Rate >= 1 || Random.Shared.NextDouble() < faults.Rate;
                    if (status == Dlt645DecodeStatus.Invalid) Interlocked.Increment(ref _badFrames);
                    else length = TryRespond(frame, send, faulty);
                    receive.AsSpan(consumed, end - consumed).CopyTo(receive);
                    end -= consumed;
                    if (length > 0 && faults.ByteTime > TimeSpan.Zero) await Task.Delay(faults.ByteTime * (consumed + length), cancellationToken).ConfigureAwait(false);
                    if (length > 0) await ReplyAsync(send.AsMemory(0, length), faulty, write, cancellationToken).ConfigureAwait(false);
                }
                if (end == receive.Length)
                {
                    Interlocked.Increment(ref _badFrames);
                    end = 0;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // stopped, or the line or connection went away
        }
    }

    private int TryRespond(in Dlt645Frame frame, Span<byte> send, bool faulty)
    {
        try
        {
            return responder.Respond(frame, send, faulty);
        }
        catch (ArgumentException ex)
        {
            // a value out of its format's range: counted and told, the meter keeps serving (and stays silent this once)
            Interlocked.Increment(ref _failed);
            Console.Error.WriteLine($"cannot answer control code {(byte)frame.Control:X2}H: {ex.Message}");
            return 0;
        }
    }

    private async Task ReplyAsync(Memory<byte> reply, bool faulty, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        if (faulty && faults.Silent)
        {
            Interlocked.Increment(ref _unanswered);
            return;
        }
        if (faulty && faults.BadChecksum) reply.Span[^2] ^= 0x5A;
        if (faulty && faults.ResponseDelay > TimeSpan.Zero) await Task.Delay(faults.ResponseDelay, cancellationToken).ConfigureAwait(false);
        if (faulty && faults.DribbleDelay > TimeSpan.Zero)
        {
            for (int i = 0; i < reply.Length; i++)
            {
                await write(reply.Slice(i, 1), cancellationToken).ConfigureAwait(false);
                await Task.Delay(faults.DribbleDelay, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        await write(reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops listening and serving; waits for the loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        Task[] loops;
        lock (_lock) loops = [.. _loops];
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
            // already stopping
        }
        _stop.Dispose();
    }
}
