namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// One physical line (an RS-485 serial bus) shared by the transports of every protocol on it, e.g. a DL/T 645 client
/// and a Modbus RTU transport on the same port: one channel, one request on the line at a time, turns given in the order
/// they were asked for (so a device that keeps asking cannot starve another), and one record of when the line last went
/// quiet, so each protocol keeps its inter-frame silence after the other's frames too.
/// <para>
/// The line watches its channel. Opened is <see cref="BusLineState.Up"/>; failing to open or breaking is
/// <see cref="BusLineState.Down"/> with the reason, reported by <see cref="StateChanged"/> once per change. While down,
/// requests fail at once with a <see cref="BusDownException"/> without touching the port, and the line is tried again
/// after a back-off (<see cref="FirstRetry"/>, doubling to <see cref="MaxRetry"/>): first whether its device path exists
/// again (a USB adapter plugged back in), then by opening it. A request after the back-off reopens it.
/// </para>
/// </summary>
/// <remarks>
/// DL/T 645-2007 §7.4 and Modbus over Serial Line V1.02 §2.1 (one master, one request on the bus at a time). Turns are a
/// <see cref="SemaphoreSlim"/>: its asynchronous waiters are released first in, first out, and a release hands the turn
/// straight to the oldest waiter (no barging).
/// </remarks>
public sealed class BusLine : IAsyncDisposable
{
    /// <summary>Default first wait before a down line is tried again: 250 ms.</summary>
    public static readonly TimeSpan DefaultFirstRetry = TimeSpan.FromMilliseconds(250);

    /// <summary>Default longest wait between tries of a down line: 5 s.</summary>
    public static readonly TimeSpan DefaultMaxRetry = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly WatchedChannel _channel;
    private readonly string? _devicePath;
    private readonly TimeProvider _time;
    private int _state = (int)BusLineState.NotOpened;
    private string? _downReason;
    private long _downs;
    private bool _portGone;
    private TimeSpan _retryIn;
    private long _retryAt;

    /// <summary>
    /// Creates the line over <paramref name="channel"/>, which it owns (disposes). With <paramref name="devicePath"/>
    /// (a serial port's path) a failure is told apart as the port gone when the path does not exist.
    /// </summary>
    public BusLine(IByteChannel channel, string? devicePath = null, TimeProvider? timeProvider = null, TimeSpan? firstRetry = null, TimeSpan? maxRetry = null)
    {
        _channel = new WatchedChannel(channel, this);
        _devicePath = devicePath;
        _time = timeProvider ?? TimeProvider.System;
        FirstRetry = firstRetry ?? DefaultFirstRetry;
        MaxRetry = maxRetry ?? DefaultMaxRetry;
        if (FirstRetry < TimeSpan.Zero || MaxRetry < FirstRetry) throw new ArgumentOutOfRangeException(nameof(maxRetry), "need 0 <= first retry <= max retry");
        _retryIn = FirstRetry;
    }

    /// <summary>A line on a serial port: <see cref="SerialChannel"/> with its path watched.</summary>
    public static BusLine OverSerial(SerialPortOptions port, TimeProvider? timeProvider = null) =>
        new(new SerialChannel(port), port.Path, timeProvider);

    /// <summary>First wait before a down line is tried again.</summary>
    public TimeSpan FirstRetry { get; }

    /// <summary>Longest wait between tries of a down line.</summary>
    public TimeSpan MaxRetry { get; }

    /// <summary>The line's channel, for the transports on it. Disposing it does nothing: the line owns the channel.</summary>
    public IByteChannel Channel => _channel;

    /// <summary>The channel's description, e.g. <c>/dev/ttyUSB0 2400 8E1</c>.</summary>
    public string Name => _channel.Name;

    /// <summary>Up (opened and working), down (failed to open or broke) or not opened yet.</summary>
    public BusLineState State => (BusLineState)Volatile.Read(ref _state);

    /// <summary>Why the line went down last (the channel's message without the line's name), or null while it has not.</summary>
    public string? DownReason => Volatile.Read(ref _downReason);

    /// <summary>True while the line is down because its device path does not exist.</summary>
    public bool PortGone => Volatile.Read(ref _portGone);

    /// <summary>How many times the line went down since it was created.</summary>
    public long Downs => Interlocked.Read(ref _downs);

    /// <summary>Raised on the thread that saw the change, once per change: the line and its new state.</summary>
    public event Action<BusLine, BusLineState>? StateChanged;

    /// <summary>
    /// When the line last went quiet (end of a reply, a timeout or a broadcast), as a <see cref="TimeProvider.GetTimestamp"/>
    /// value of the transports' time provider; 0 before the first frame. Read and written with the turn held.
    /// </summary>
    public long QuietSince { get; set; }

    /// <summary>Waits for the line's turn; turns are given in the order they were asked for. Pair with <see cref="EndTurn"/> in a finally.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting (the turn is then not held).</exception>
    public Task TakeTurnAsync(CancellationToken cancellationToken) => _turn.WaitAsync(cancellationToken);

    /// <summary>Gives the line to the next waiting caller.</summary>
    public void EndTurn() => _turn.Release();

    /// <summary>Closes the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        await _channel.Inner.DisposeAsync().ConfigureAwait(false);
        _turn.Dispose();
    }

    private bool DevicePathMissing => _devicePath is not null && !File.Exists(_devicePath);

    /// <summary>Fails fast while the back-off runs; otherwise checks the device path. Called with the turn held.</summary>
    private void ThrowIfDown()
    {
        long left = Volatile.Read(ref _retryAt) - _time.GetTimestamp();
        if (State == BusLineState.Down && left > 0)
        {
            throw new BusDownException($"{Name}: bus down ({DownReason}); tried again in {(double)left / _time.TimestampFrequency:0.###} s", PortGone);
        }
        if (DevicePathMissing) throw Down($"port gone: {_devicePath} does not exist (unplugged?)", null);
    }

    /// <summary>Marks the line down (once per change) and returns the exception for the request that found it.</summary>
    private BusDownException Down(string reason, ChannelException? cause)
    {
        bool gone = DevicePathMissing;
        string prefix = Name + ": ";
        if (reason.StartsWith(prefix, StringComparison.Ordinal)) reason = reason[prefix.Length..];
        if (gone && cause is not null) reason = $"port gone: {_devicePath} does not exist (unplugged?); {reason}";
        Volatile.Write(ref _downReason, reason);
        Volatile.Write(ref _portGone, gone);
        var wait = State == BusLineState.Down ? _retryIn : FirstRetry;
        Volatile.Write(ref _retryAt, _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency));
        _retryIn = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxRetry.Ticks));
        if (Interlocked.Exchange(ref _state, (int)BusLineState.Down) != (int)BusLineState.Down)
        {
            Interlocked.Increment(ref _downs);
            StateChanged?.Invoke(this, BusLineState.Down);
        }
        return new BusDownException(prefix + reason, gone, cause);
    }

    private void Up()
    {
        _retryIn = FirstRetry;
        Volatile.Write(ref _portGone, false);
        if (Interlocked.Exchange(ref _state, (int)BusLineState.Up) != (int)BusLineState.Up) StateChanged?.Invoke(this, BusLineState.Up);
    }

    /// <summary>The line's channel: forwards to the real one and tells the line when it opens or breaks.</summary>
    private sealed class WatchedChannel(IByteChannel inner, BusLine line) : IByteChannel
    {
        public IByteChannel Inner => inner;

        public bool IsOpen => inner.IsOpen;

        public string Name => inner.Name;

        public async ValueTask OpenAsync(CancellationToken cancellationToken)
        {
            if (inner.IsOpen) return;
            line.ThrowIfDown();
            try
            {
                await inner.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelException ex)
            {
                throw line.Down(ex.Message, ex);
            }
            line.Up();
        }

        public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                return await inner.ReadAsync(buffer, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelException ex)
            {
                throw line.Down(ex.Message, ex);
            }
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            try
            {
                await inner.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelException ex)
            {
                throw line.Down(ex.Message, ex);
            }
        }

        public void DiscardInput() => inner.DiscardInput();

        public void Close() => inner.Close();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
