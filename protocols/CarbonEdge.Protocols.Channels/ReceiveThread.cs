using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// Receives for one byte channel (a serial port or a TCP connection) on a thread of its own: the thread waits in poll(2)
/// on the descriptor (if the channel has one) and on a wake-up pipe, keeps what arrives in a buffer, and completes the
/// channel's one pending read itself, with the bytes, or with 0 when the read's timeout passes first. A channel without
/// a descriptor (a serial port read by System.IO.Ports) hands its bytes in with <see cref="Push"/> from a thread of its
/// own. Neither an answer nor a timeout waits for a thread-pool thread, so response timeouts and RTU frame gaps hold
/// while the pool is busy, and a read costs no pool hop.
/// </summary>
/// <remarks>
/// Continuations of a read run on this thread, or on the pushing thread (until their next await): they must not block
/// on another read of the same channel. While the buffer is full and nobody reads, further bytes stay in the kernel
/// (flow control) rather than being dropped: this thread stops polling for input, <see cref="Push"/> waits.
/// </remarks>
internal sealed class ReceiveThread : IValueTaskSource<int>
{
    /// <summary>Reads what the descriptor has: the count (&gt; 0), 0 when the other end closed, -1 when there was nothing after all.</summary>
    /// <exception cref="IOException">The read failed; the message says why.</exception>
    public delegate int Receive(Span<byte> buffer);

    /// <summary>No descriptor to poll: the channel pushes its bytes (<see cref="Push"/>).</summary>
    public const int NoDescriptor = -1;

    private readonly string _name;
    private readonly object _gate = new();
    private readonly byte[] _buffer = new byte[4096];
    private readonly Thread _thread;
    private readonly TaskCompletionSource<ReceiveThread> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<(int Descriptor, Receive Receive, Action Release)> _open;
    private Action? _release;
    private bool _exited;
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = false };
    private int _count;
    private int _wakeRead = -1, _wakeWrite = -1;
    private string? _failure;
    private bool _stopping;
    private bool _inputPaused;
    private bool _waiting;
    private Memory<byte> _destination;
    private long _deadline;
    private long _pollDeadline = long.MaxValue;
    private CancellationTokenRegistration _cancellation;

    private ReceiveThread(string name, Func<(int, Receive, Action)> open)
    {
        _name = name;
        _open = open;
        _thread = new Thread(Run) { IsBackground = true, Name = $"receive {name}" };
    }

    /// <summary>
    /// Starts the thread, which first runs <paramref name="open"/> (open a port, connect a socket: it may block) and
    /// then receives from the descriptor it returns. Completes when receiving has begun, or with what <paramref name="open"/> threw.
    /// The descriptor then belongs to the thread: <c>Release</c> (close it) runs once the thread has exited and
    /// <see cref="Stop"/> has been called, so it is never closed while polled. With <see cref="NoDescriptor"/> the
    /// thread only keeps read timeouts, and <c>Receive</c> is never called.
    /// </summary>
    public static Task<ReceiveThread> StartAsync(string name, Func<(int Descriptor, Receive Receive, Action Release)> open)
    {
        var receiver = new ReceiveThread(name, open);
        receiver._thread.Start();
        return receiver._started.Task;
    }

    /// <summary>Why receiving ended (the other end closed, a read failed, stopped), or null while it runs.</summary>
    public string? Failure
    {
        get
        {
            lock (_gate) return _failure;
        }
    }

    /// <summary>
    /// Copies received bytes into <paramref name="destination"/>: at once when some are buffered, else when the next
    /// arrive. Returns the count, or 0 when <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: none)
    /// passed first. One read at a time.
    /// </summary>
    /// <exception cref="ChannelException">The other end closed, the descriptor failed, or the thread was stopped.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<int> ReadAsync(Memory<byte> destination, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        short version = _core.Version;
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (state, token) => ((ReceiveThread)state!).Finish(0, new OperationCanceledException(token)), this)
            : default;
        int taken = 0;
        string? failure = null;
        bool pending = false, busy = false;
        lock (_gate)
        {
            if (_waiting) busy = true;
            else if (_count > 0) taken = Take(destination.Span);
            else if (_failure is not null) failure = _failure;
            else if (timeout != TimeSpan.Zero)
            {
                pending = _waiting = true;
                _destination = destination;
                _deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
                _cancellation = registration;
                // The thread must poll again when this read ends before its current wait does, or when it paused a full buffer.
                if (_deadline < _pollDeadline || _inputPaused) Wake();
            }
        }
        if (!pending)
        {
            registration.Dispose(); // outside the lock: a running callback takes it
            if (busy) throw new InvalidOperationException($"{_name}: a read is already pending");
            return failure is not null ? ValueTask.FromException<int>(new ChannelException($"{_name}: {failure}")) : new ValueTask<int>(taken);
        }
        if (cancellationToken.IsCancellationRequested) Finish(0, new OperationCanceledException(cancellationToken));
        return new ValueTask<int>(this, version);
    }

    /// <summary>Drops the bytes received but not read yet.</summary>
    public void Discard()
    {
        lock (_gate)
        {
            _count = 0;
            Monitor.PulseAll(_gate);
            if (_inputPaused) Wake();
        }
    }

    /// <summary>
    /// Hands bytes received elsewhere (a channel without a descriptor) to the pending read or the buffer; waits while the
    /// buffer is full. Returns false, keeping nothing more, once receiving has ended.
    /// </summary>
    public bool Push(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int handed = -1;
            lock (_gate)
            {
                while (_count == _buffer.Length && _failure is null) Monitor.Wait(_gate);
                if (_failure is not null) return false;
                int kept = Math.Min(_buffer.Length - _count, data.Length);
                data[..kept].CopyTo(_buffer.AsSpan(_count));
                _count += kept;
                data = data[kept..];
                if (_waiting) handed = Take(_destination.Span);
            }
            if (handed >= 0) Finish(handed, null);
        }
        return true;
    }

    /// <summary>Ends receiving for <paramref name="reason"/> (a channel without a descriptor could not read): reads fail with it.</summary>
    public void Fail(string reason)
    {
        lock (_gate)
        {
            _failure ??= reason;
            Monitor.PulseAll(_gate);
            Wake();
        }
    }

    /// <summary>
    /// Stops receiving: a pending read fails at once (on the calling thread) and the thread exits on its own, releasing
    /// the descriptor. Does not wait for the thread: code running on it (a continuation) may be the very caller, or may
    /// be blocked on the caller.
    /// </summary>
    public void Stop()
    {
        Action? release;
        lock (_gate)
        {
            _stopping = true;
            _failure ??= "closed";
            Monitor.PulseAll(_gate);
            Wake();
            release = _exited ? Interlocked.Exchange(ref _release, null) : null;
        }
        Finish(0, new ChannelException($"{_name}: closed"));
        release?.Invoke();
    }

    private unsafe void Run()
    {
        int descriptor;
        Receive receive;
        int* pipe = stackalloc int[2];
        try
        {
            if (Posix.Pipe2(pipe, Posix.O_NONBLOCK | Posix.O_CLOEXEC) != 0) throw new ChannelException($"{_name}: pipe2 failed ({Posix.LastError()})");
            lock (_gate) (_wakeRead, _wakeWrite) = (pipe[0], pipe[1]);
            (descriptor, receive, _release) = _open();
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _failure = "not open";
                _exited = true;
                ClosePipe();
            }
            _started.SetException(ex);
            return;
        }
        _started.SetResult(this);
        string failure;
        try
        {
            failure = Loop(descriptor, receive);
        }
        catch (IOException ex)
        {
            failure = ex.Message;
        }
        Action? release;
        lock (_gate)
        {
            _failure ??= failure;
            ClosePipe();
            _exited = true;
            release = _stopping ? Interlocked.Exchange(ref _release, null) : null;
        }
        Finish(0, new ChannelException($"{_name}: {failure}"));
        release?.Invoke();
    }

    /// <summary>Polls and receives until stopped or the descriptor fails; returns why it ended.</summary>
    private unsafe string Loop(int descriptor, Receive receive)
    {
        Span<byte> chunk = stackalloc byte[512];
        byte* drain = stackalloc byte[64];
        Posix.PollFd* fds = stackalloc Posix.PollFd[2];
        while (true)
        {
            long deadline;
            bool full;
            lock (_gate)
            {
                if (_stopping) return "closed";
                if (_failure is not null) return _failure;
                deadline = _waiting ? _deadline : long.MaxValue;
                _pollDeadline = deadline;
                full = _inputPaused = _count == _buffer.Length;
            }
            fds[0] = new Posix.PollFd { Fd = descriptor, Events = full ? (short)0 : Posix.POLLIN }; // poll(2) skips a negative fd
            fds[1] = new Posix.PollFd { Fd = _wakeRead, Events = Posix.POLLIN };
            int ready = Posix.Poll(fds, 2, TimeoutMs(deadline));
            if (ready < 0 && Posix.LastErrno() != Posix.EINTR) return $"poll failed ({Posix.LastError()})";
            lock (_gate)
            {
                if (_stopping) return "closed"; // read nothing more: the owner may already have opened the device again
            }
            if (ready > 0 && fds[1].Revents != 0)
            {
                while (Posix.Read(_wakeRead, drain, 64) > 0)
                {
                }
            }
            if (ready > 0 && (fds[0].Revents & (Posix.POLLIN | Posix.POLLHUP | Posix.POLLERR)) != 0)
            {
                int read = receive(chunk);
                if (read == 0) return "the other end closed the connection";
                if (read > 0) Deliver(chunk[..read]);
            }
            else if (ready > 0 && (fds[0].Revents & Posix.POLLNVAL) != 0)
            {
                return "the descriptor was closed";
            }
            if (deadline != long.MaxValue && Stopwatch.GetTimestamp() >= deadline) Finish(0, null, deadline);
        }
    }

    private static int TimeoutMs(long deadline)
    {
        if (deadline == long.MaxValue) return -1;
        long ticks = deadline - Stopwatch.GetTimestamp();
        return ticks <= 0 ? 0 : (int)Math.Min(int.MaxValue, (ticks * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
    }

    /// <summary>Buffers <paramref name="data"/> and hands what it can to the pending read.</summary>
    private void Deliver(ReadOnlySpan<byte> data)
    {
        int handed;
        lock (_gate)
        {
            int room = _buffer.Length - _count;
            data[..Math.Min(room, data.Length)].CopyTo(_buffer.AsSpan(_count));
            _count += Math.Min(room, data.Length);
            if (!_waiting) return;
            handed = Take(_destination.Span);
        }
        Finish(handed, null);
    }

    /// <summary>Moves buffered bytes to <paramref name="destination"/> (under the lock); returns the count.</summary>
    private int Take(Span<byte> destination)
    {
        int n = Math.Min(_count, destination.Length);
        _buffer.AsSpan(0, n).CopyTo(destination);
        Buffer.BlockCopy(_buffer, n, _buffer, 0, _count - n);
        _count -= n;
        if (n > 0) Monitor.PulseAll(_gate);
        return n;
    }

    /// <summary>
    /// Completes the pending read, if any (and, with <paramref name="onlyAt"/>, only the read with that deadline), with
    /// <paramref name="count"/> bytes already copied or with <paramref name="error"/>. The continuation runs here.
    /// </summary>
    private void Finish(int count, Exception? error, long onlyAt = 0)
    {
        lock (_gate)
        {
            if (!_waiting || (onlyAt != 0 && _deadline != onlyAt)) return;
            _waiting = false;
            _destination = default;
        }
        if (error is null) _core.SetResult(count);
        else _core.SetException(error);
    }

    /// <summary>Wakes the thread from poll (call with the lock held, so the pipe cannot close meanwhile).</summary>
    private unsafe void Wake()
    {
        if (_wakeWrite < 0) return;
        byte signal = 1;
        Posix.Write(_wakeWrite, &signal, 1);
    }

    /// <summary>Closes the wake-up pipe (with the lock held).</summary>
    private void ClosePipe()
    {
        if (_wakeRead >= 0) Posix.Close(_wakeRead);
        if (_wakeWrite >= 0) Posix.Close(_wakeWrite);
        _wakeRead = _wakeWrite = -1;
    }

    int IValueTaskSource<int>.GetResult(short token)
    {
        if (token != _core.Version) throw new InvalidOperationException("a read was awaited twice");
        CancellationTokenRegistration cancellation;
        lock (_gate)
        {
            cancellation = _cancellation;
            _cancellation = default;
        }
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            cancellation.Dispose();
            _core.Reset();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
