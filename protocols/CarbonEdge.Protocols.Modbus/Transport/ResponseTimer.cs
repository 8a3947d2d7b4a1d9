namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// The response timeout of one exchange as a cancellation token, reused from exchange to exchange so a request
/// allocates nothing; the caller's token is linked in by registration only when it can be cancelled.
/// </summary>
internal sealed class ResponseTimer(TimeProvider time) : IDisposable
{
    private CancellationTokenSource _source = new(Timeout.InfiniteTimeSpan, time);
    private CancellationTokenRegistration _link;

    /// <summary>Starts the timer; the returned token is cancelled after <paramref name="timeout"/> or with <paramref name="caller"/>.</summary>
    public CancellationToken Start(TimeSpan timeout, CancellationToken caller)
    {
        if (!_source.TryReset())
        {
            _source.Dispose();
            _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        }
        if (caller.CanBeCanceled)
        {
            _link = caller.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
        }
        _source.CancelAfter(timeout);
        return _source.Token;
    }

    /// <summary>Stops the timer and unlinks the caller's token.</summary>
    public void Stop()
    {
        _link.Dispose();
        _link = default;
        _source.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _link.Dispose();
        _source.Dispose();
    }
}
