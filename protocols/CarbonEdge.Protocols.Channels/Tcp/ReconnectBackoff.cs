namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// When the next connect attempt may be made after failures: the delay starts at
/// <see cref="TcpChannelOptions.ReconnectDelay"/>, doubles on each further failure (with ±20 % jitter) up to
/// <see cref="TcpChannelOptions.MaxReconnectDelay"/>, and resets after a successful connect. An attempt inside the
/// delay fails at once, so a dead device costs no time. Not thread-safe: callers serialise connects.
/// </summary>
public sealed class ReconnectBackoff(TcpChannelOptions options, TimeProvider time)
{
    private TimeSpan _delay = options.ReconnectDelay;
    private long _nextAttempt;
    private string? _lastError;

    /// <summary>Throws when the delay after the last failure has not passed yet.</summary>
    /// <exception cref="ChannelException">Inside the delay; the message gives the last error and the wait left.</exception>
    public void ThrowIfWaiting(string name)
    {
        long now = time.GetTimestamp();
        if (_nextAttempt == 0 || now >= _nextAttempt) return;
        var wait = time.GetElapsedTime(now, _nextAttempt);
        throw new ChannelException($"{name}: not connected ({_lastError}); next attempt in {wait.TotalMilliseconds:0} ms");
    }

    /// <summary>A connect succeeded: the next failure waits the first delay again.</summary>
    public void Succeeded()
    {
        _nextAttempt = 0;
        _delay = options.ReconnectDelay;
    }

    /// <summary>A connect failed or a connection broke for <paramref name="reason"/>: no attempt until the delay has passed.</summary>
    public void Failed(string reason)
    {
        _lastError = reason;
        double jitter = 0.8 + 0.4 * Random.Shared.NextDouble();
        var delay = _delay * jitter;
        _nextAttempt = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
        _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
    }
}
