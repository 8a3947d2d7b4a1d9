namespace CarbonEdge.Protocols.Modbus.Transport.Serial;

/// <summary>
/// A serial port on Linux through termios (raw mode, no flow control, CLOCAL|CREAD), as a byte channel. Settings are
/// read back after they are applied: a port (or pty) that refuses one, e.g. parity on a socat pty, fails to open with
/// a <see cref="ModbusConnectionException"/> that names the setting. A <see cref="ReceiveThread"/> opens the port,
/// receives from it and closes it; writes go out on the caller's thread.
/// </summary>
public sealed class SerialPort : IByteChannel
{
    private readonly SerialPortOptions _options;
    private ReceiveThread? _receiver;
    private int _fd = -1;

    /// <summary>Creates the port; <see cref="OpenAsync"/> opens it.</summary>
    public SerialPort(SerialPortOptions options)
    {
        if (Termios.SpeedOf(options.Baud) == 0) throw new ArgumentOutOfRangeException(nameof(options), $"baud {options.Baud} is not one of 1200-115200");
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
        _receiver = await ReceiveThread.StartAsync(Name, () =>
        {
            int fd = Open();
            _fd = fd;
            return (fd, buffer => Receive(fd, buffer), () => Posix.Close(fd));
        }).ConfigureAwait(false);
    }

    private unsafe int Open()
    {
        int fd = Termios.Open(_options.Path, Termios.O_RDWR | Termios.O_NOCTTY | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
        if (fd < 0) throw new ModbusConnectionException($"{Name}: cannot open the port ({Posix.LastError()}); check the path and permissions (group dialout)");
        try
        {
            Configure(fd);
            Termios.TcFlush(fd, Termios.TCIFLUSH);
            return fd;
        }
        catch
        {
            Posix.Close(fd);
            throw;
        }
    }

    private unsafe void Configure(int fd)
    {
        byte* termios = stackalloc byte[Termios.Size];
        if (Termios.TcGetAttr(fd, termios) != 0) throw new ModbusConnectionException($"{Name}: not a serial port ({Posix.LastError()})");
        Termios.CfMakeRaw(termios);
        uint speed = Termios.SpeedOf(_options.Baud);
        Termios.CfSetISpeed(termios, speed);
        Termios.CfSetOSpeed(termios, speed);
        ref uint cflag = ref *(uint*)(termios + Termios.CflagOffset);
        cflag &= ~(Termios.CSIZE | Termios.CSTOPB | Termios.PARENB | Termios.PARODD | Termios.CRTSCTS);
        cflag |= Termios.CLOCAL | Termios.CREAD | (_options.DataBits == 8 ? Termios.CS8 : Termios.CS7);
        if (_options.StopBits == 2) cflag |= Termios.CSTOPB;
        if (_options.Parity != SerialParity.None) cflag |= Termios.PARENB;
        if (_options.Parity == SerialParity.Odd) cflag |= Termios.PARODD;
        termios[Termios.CcOffset + Termios.VMIN] = 0;
        termios[Termios.CcOffset + Termios.VTIME] = 0;
        uint wanted = cflag;
        if (Termios.TcSetAttr(fd, Termios.TCSANOW, termios) != 0)
        {
            throw new ModbusConnectionException($"{Name}: the port refuses these settings ({Posix.LastError()}); a pty accepts only no parity (8N1)");
        }
        byte* applied = stackalloc byte[Termios.Size];
        Termios.TcGetAttr(fd, applied);
        uint got = *(uint*)(applied + Termios.CflagOffset);
        const uint checkedBits = Termios.CSIZE | Termios.CSTOPB | Termios.PARENB | Termios.PARODD;
        if ((got & checkedBits) != (wanted & checkedBits))
        {
            string which = (got & (Termios.PARENB | Termios.PARODD)) != (wanted & (Termios.PARENB | Termios.PARODD)) ? "parity"
                : (got & Termios.CSIZE) != (wanted & Termios.CSIZE) ? "data bits" : "stop bits";
            throw new ModbusConnectionException($"{Name}: the port did not keep the {which} setting; it does not support it (a pty accepts only 8N1)");
        }
    }

    /// <summary>What the receive thread calls when the port is readable.</summary>
    private static unsafe int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            nint read = Posix.Read(fd, start, buffer.Length);
            if (read >= 0) return (int)read; // 0: the other end of a pty closed
            int errno = Posix.LastErrno();
            return errno is Posix.EAGAIN or Posix.EINTR ? -1 : throw new IOException($"read failed ({Posix.LastError()}; unplugged?)");
        }
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var receiver = _receiver ?? throw new ModbusConnectionException($"{Name}: port not open");
        try
        {
            return await receiver.ReadAsync(buffer, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ModbusConnectionException)
        {
            Close();
            throw;
        }
    }

    /// <inheritdoc/>
    public unsafe ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        int fd = _fd;
        if (fd < 0 || _receiver is null) throw new ModbusConnectionException($"{Name}: port not open");
        var span = data.Span;
        fixed (byte* start = span)
        {
            int written = 0;
            while (written < span.Length)
            {
                nint n = Posix.Write(fd, start + written, span.Length - written);
                if (n > 0)
                {
                    written += (int)n;
                    continue;
                }
                int errno = Posix.LastErrno();
                if (errno is not (Posix.EAGAIN or Posix.EINTR)) throw new ModbusConnectionException($"{Name}: write failed ({Posix.LastError()})");
                var pollFd = new Posix.PollFd { Fd = fd, Events = Posix.POLLOUT };
                Posix.Poll(&pollFd, 1, 100);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void DiscardInput()
    {
        if (_fd >= 0) Termios.TcFlush(_fd, Termios.TCIFLUSH);
        _receiver?.Discard();
    }

    /// <inheritdoc/>
    public void Close()
    {
        var receiver = Interlocked.Exchange(ref _receiver, null);
        if (receiver is null) return;
        _fd = -1;
        receiver.Stop(); // the receive thread closes the descriptor when it has exited
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
