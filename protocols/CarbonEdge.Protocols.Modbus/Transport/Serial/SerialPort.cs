namespace CarbonEdge.Protocols.Modbus.Transport.Serial;

/// <summary>
/// A serial port on Linux through termios (raw mode, no flow control, CLOCAL|CREAD), as a byte channel. Settings are
/// read back after they are applied: a port (or pty) that refuses one, e.g. parity on a socat pty, fails to open with
/// a <see cref="ModbusConnectionException"/> that names the setting. A reader thread waits in poll(2) and buffers
/// what arrives; <see cref="ReadAsync"/> takes from that buffer and honours cancellation.
/// </summary>
public sealed class SerialPort : IByteChannel
{
    private readonly SerialPortOptions _options;
    private readonly object _gate = new();
    private readonly byte[] _buffer = new byte[4096];
    private int _count;
    private int _fd = -1, _wakeRead = -1, _wakeWrite = -1;
    private Thread? _reader;
    private string? _failure;
    private TaskCompletionSource? _waiter;

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
    public bool IsOpen => _fd >= 0;

    /// <inheritdoc/>
    public string Name => _options.ToString();

    /// <inheritdoc/>
    public unsafe ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_fd >= 0) return ValueTask.CompletedTask;
        int fd = Termios.Open(_options.Path, Termios.O_RDWR | Termios.O_NOCTTY | Termios.O_NONBLOCK | Termios.O_CLOEXEC);
        if (fd < 0) throw new ModbusConnectionException($"{Name}: cannot open the port ({Termios.LastError()}); check the path and permissions (group dialout)");
        try
        {
            Configure(fd);
            int* pipe = stackalloc int[2];
            if (Termios.Pipe2(pipe, Termios.O_NONBLOCK | Termios.O_CLOEXEC) != 0) throw new ModbusConnectionException($"{Name}: pipe2 failed ({Termios.LastError()})");
            Termios.TcFlush(fd, Termios.TCIFLUSH);
            lock (_gate)
            {
                _fd = fd;
                _wakeRead = pipe[0];
                _wakeWrite = pipe[1];
                _count = 0;
                _failure = null;
            }
            _reader = new Thread(ReaderLoop) { IsBackground = true, Name = $"serial {_options.Path}" };
            _reader.Start();
        }
        catch
        {
            Termios.Close(fd);
            throw;
        }
        return ValueTask.CompletedTask;
    }

    private unsafe void Configure(int fd)
    {
        byte* termios = stackalloc byte[Termios.Size];
        if (Termios.TcGetAttr(fd, termios) != 0) throw new ModbusConnectionException($"{Name}: not a serial port ({Termios.LastError()})");
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
            throw new ModbusConnectionException($"{Name}: the port refuses these settings ({Termios.LastError()}); a pty accepts only no parity (8N1)");
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

    private unsafe void ReaderLoop()
    {
        int fd = _fd, wake = _wakeRead;
        byte* chunk = stackalloc byte[512];
        Termios.PollFd* fds = stackalloc Termios.PollFd[2];
        while (true)
        {
            fds[0] = new Termios.PollFd { Fd = fd, Events = Termios.POLLIN };
            fds[1] = new Termios.PollFd { Fd = wake, Events = Termios.POLLIN };
            int ready = Termios.Poll(fds, 2, -1);
            if (ready < 0)
            {
                if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Termios.EINTR) continue;
                Fail($"poll failed ({Termios.LastError()})");
                return;
            }
            if (fds[1].Revents != 0) return;
            if ((fds[0].Revents & (Termios.POLLERR | Termios.POLLNVAL)) != 0 && (fds[0].Revents & Termios.POLLIN) == 0)
            {
                Fail("the port reported an error (unplugged?)");
                return;
            }
            nint read = Termios.Read(fd, chunk, 512);
            if (read > 0)
            {
                TaskCompletionSource? waiter;
                lock (_gate)
                {
                    int take = (int)Math.Min(read, _buffer.Length - _count);
                    new ReadOnlySpan<byte>(chunk, take).CopyTo(_buffer.AsSpan(_count));
                    _count += take;
                    waiter = _waiter;
                    _waiter = null;
                }
                waiter?.TrySetResult();
            }
            else if (read == 0 || (fds[0].Revents & Termios.POLLHUP) != 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Termios.EAGAIN)
            {
                Fail("the other end closed the line");
                return;
            }
            else if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() is not (Termios.EAGAIN or Termios.EINTR))
            {
                Fail($"read failed ({Termios.LastError()})");
                return;
            }
        }
    }

    private void Fail(string reason)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _failure = reason;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult();
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_count > 0)
                {
                    int n = Math.Min(_count, buffer.Length);
                    _buffer.AsSpan(0, n).CopyTo(buffer.Span);
                    Buffer.BlockCopy(_buffer, n, _buffer, 0, _count - n);
                    _count -= n;
                    return n;
                }
                if (_fd < 0) throw new ModbusConnectionException($"{Name}: port not open");
                if (_failure is not null)
                {
                    string failure = _failure;
                    ThreadPool.UnsafeQueueUserWorkItem(_ => Close(), null);
                    throw new ModbusConnectionException($"{Name}: {failure}");
                }
                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public unsafe ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        int fd = _fd;
        if (fd < 0) throw new ModbusConnectionException($"{Name}: port not open");
        var span = data.Span;
        fixed (byte* start = span)
        {
            int written = 0;
            while (written < span.Length)
            {
                nint n = Termios.Write(fd, start + written, span.Length - written);
                if (n > 0)
                {
                    written += (int)n;
                    continue;
                }
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno is not (Termios.EAGAIN or Termios.EINTR)) throw new ModbusConnectionException($"{Name}: write failed ({Termios.LastError()})");
                var pollFd = new Termios.PollFd { Fd = fd, Events = Termios.POLLOUT };
                Termios.Poll(&pollFd, 1, 100);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void DiscardInput()
    {
        lock (_gate)
        {
            if (_fd >= 0) Termios.TcFlush(_fd, Termios.TCIFLUSH);
            _count = 0;
        }
    }

    /// <inheritdoc/>
    public unsafe void Close()
    {
        int fd, wakeRead, wakeWrite;
        Thread? reader;
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            if (_fd < 0) return;
            (fd, wakeRead, wakeWrite, reader, waiter) = (_fd, _wakeRead, _wakeWrite, _reader, _waiter);
            _fd = _wakeRead = _wakeWrite = -1;
            _reader = null;
            _waiter = null;
            _count = 0;
        }
        byte signal = 1;
        Termios.Write(wakeWrite, &signal, 1);
        if (reader != Thread.CurrentThread) reader?.Join();
        Termios.Close(fd);
        Termios.Close(wakeRead);
        Termios.Close(wakeWrite);
        waiter?.TrySetResult();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
