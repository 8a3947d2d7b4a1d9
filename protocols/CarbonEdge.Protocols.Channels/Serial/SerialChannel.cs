using System.IO.Ports;

namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// A serial port as a byte channel, through System.IO.Ports (raw, no flow control). A thread of the channel reads the
/// port and pushes what arrives to a <see cref="ReceiveThread"/>, which keeps the read timeouts (System.IO.Ports keeps
/// them with a thread-pool timer, late while the pool is busy). Settings are read back (<see cref="SerialLineCheck"/>) after the port is opened: a port (or pty) that does not keep one, e.g. parity
/// on a socat pty, fails to open with a <see cref="ChannelException"/> that names the setting. A port that disappears
/// (USB adapter pulled) fails the pending read and closes the channel; the next <see cref="OpenAsync"/> opens it again
/// once it is back. Writes go out on the caller's thread.
/// </summary>
public sealed class SerialChannel : IByteChannel
{
    private static readonly int[] Bauds = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
    private readonly SerialPortOptions _options;
    private SerialPort? _port;
    private ReceiveThread? _receiver;

    /// <summary>Creates the channel; <see cref="OpenAsync"/> opens the port.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Baud not one of 1200-115200, data bits not 7 or 8, stop bits not 1 or 2.</exception>
    public SerialChannel(SerialPortOptions options)
    {
        if (Array.IndexOf(Bauds, options.Baud) < 0) throw new ArgumentOutOfRangeException(nameof(options), $"baud {options.Baud} is not one of 1200-115200");
        if (options.DataBits is not (7 or 8)) throw new ArgumentOutOfRangeException(nameof(options), "data bits must be 7 or 8");
        if (options.StopBits is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(options), "stop bits must be 1 or 2");
        _options = options;
    }

    /// <summary>The line settings.</summary>
    public SerialPortOptions Options => _options;

    /// <inheritdoc/>
    public bool IsOpen => Volatile.Read(ref _receiver) is not null;

    /// <inheritdoc/>
    public string Name => _options.ToString();

    /// <inheritdoc/>
    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_receiver is not null) return;
        cancellationToken.ThrowIfCancellationRequested();
        var port = Open();
        ReceiveThread receiver;
        try
        {
            receiver = await ReceiveThread.StartAsync(Name, () => (ReceiveThread.NoDescriptor, _ => -1, () => Release(port))).ConfigureAwait(false);
        }
        catch
        {
            Release(port);
            throw;
        }
        _port = port;
        _receiver = receiver;
        new Thread(() => Pump(port.BaseStream, receiver)) { IsBackground = true, Name = $"read {Name}" }.Start();
    }

    private SerialPort Open()
    {
        SerialPort port;
        try
        {
            port = OpenWith(_options);
        }
        catch (ArgumentException ex) when (File.Exists(_options.Path))
        {
            // System.IO.Ports reports a setting the port refuses (tcsetattr failed) without naming it.
            throw new ChannelException($"{Name}: the port refuses the {RefusedSetting()} setting ({ex.Message}); a pty accepts only 8N1", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new ChannelException($"{Name}: cannot open the port ({ex.Message}); check the path and permissions (group dialout)", ex);
        }
        string? refused = SerialLineCheck.SettingNotKept(_options);
        if (refused is null) return port;
        port.Dispose();
        throw new ChannelException($"{Name}: the port did not keep the {refused} setting; it does not support it (a pty accepts only 8N1)");
    }

    private static SerialPort OpenWith(SerialPortOptions options)
    {
        var parity = options.Parity switch { SerialParity.Even => Parity.Even, SerialParity.Odd => Parity.Odd, _ => Parity.None };
        var port = new SerialPort(options.Path, options.Baud, parity, options.DataBits, options.StopBits == 2 ? StopBits.Two : StopBits.One)
        {
            Handshake = Handshake.None,
            WriteTimeout = WriteTimeoutMs(options),
        };
        try
        {
            port.Open();
            return port;
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How long a write may take: a full 512-byte frame at the line's pace, plus 1 s. Without it a write waits for ever
    /// once System.IO.Ports' I/O loop has ended (it ends when the port reports an error, e.g. a pty whose other end
    /// closed) or while the line does not drain (test SerialChannelTests.WriteToAPortThatWentAway_FailsInsteadOfWaitingForEver).
    /// </summary>
    private static int WriteTimeoutMs(SerialPortOptions options) => 1000 + 512 * options.BitsPerCharacter * 1000 / options.Baud;

    /// <summary>
    /// Closes the port without waiting for queued writes: <see cref="SerialPort.Dispose(bool)"/> first flushes, which
    /// spins until System.IO.Ports' write queue is empty, for ever once its I/O loop has ended with a write still queued (a
    /// write that timed out on a pulled port). Disposing the stream first completes what is queued and closes the descriptor.
    /// </summary>
    private static void Release(SerialPort port)
    {
        if (port.IsOpen) port.BaseStream.Dispose();
        port.Dispose();
    }

    /// <summary>Which setting made the open fail: the first whose default (no parity, 8 data bits, 1 stop bit) lets the port open.</summary>
    private string RefusedSetting()
    {
        (string Setting, SerialPortOptions Trial)[] trials =
        [
            ("parity", new() { Path = _options.Path, Baud = _options.Baud, DataBits = _options.DataBits, StopBits = _options.StopBits }),
            ("data bits", new() { Path = _options.Path, Baud = _options.Baud, Parity = _options.Parity, StopBits = _options.StopBits }),
            ("stop bits", new() { Path = _options.Path, Baud = _options.Baud, Parity = _options.Parity, DataBits = _options.DataBits }),
        ];
        foreach (var (setting, trial) in trials)
        {
            try
            {
                OpenWith(trial).Dispose();
                return setting;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // not this one alone
            }
        }
        return "line";
    }

    /// <summary>Reads the port until it fails or the receiver stops (closing the channel disposes the port, ending the read).</summary>
    private static void Pump(Stream stream, ReceiveThread receiver)
    {
        byte[] chunk = new byte[512];
        while (true)
        {
            int read;
            try
            {
                read = stream.Read(chunk, 0, chunk.Length);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException or TimeoutException)
            {
                receiver.Fail($"read failed ({ex.Message}; unplugged?)");
                return;
            }
            if (read == 0)
            {
                receiver.Fail("the port closed");
                return;
            }
            if (!receiver.Push(chunk.AsSpan(0, read))) return;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var receiver = _receiver ?? throw NotOpen();
        try
        {
            return await receiver.ReadAsync(buffer, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelException)
        {
            Close();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var receiver = _receiver;
        var port = receiver is null ? null : _port;
        if (port is null) throw NotOpen();
        cancellationToken.ThrowIfCancellationRequested();
        if (receiver!.Failure is { } failure)
        {
            // the port already failed (unplugged): System.IO.Ports would queue the write to an I/O loop that has ended
            Close();
            throw new ChannelException($"{Name}: {failure}");
        }
        try
        {
            port.BaseStream.Write(data.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or TimeoutException)
        {
            Close();
            throw new ChannelException($"{Name}: write failed ({ex.Message}; unplugged?)", ex);
        }
    }

    /// <inheritdoc/>
    public void DiscardInput()
    {
        try
        {
            if (_receiver is not null) _port?.DiscardInBuffer();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // the port is going away: the next read reports it
        }
        _receiver?.Discard();
    }

    /// <inheritdoc/>
    public void Close()
    {
        var receiver = Interlocked.Exchange(ref _receiver, null);
        if (receiver is null) return;
        _port = null;
        receiver.Stop(); // the receive thread disposes the port when it has exited; that ends the pump's read
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private ChannelException NotOpen() => new($"{Name}: port not open");
}
