namespace CarbonEdge.Edge.Polling;

/// <summary>
/// An auto-reset signal for one waiter: <see cref="Set"/> wakes the next (or current) <see cref="WaitAsync"/>; several
/// sets before a wait count as one.
/// </summary>
internal sealed class AsyncTrigger
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Signals the waiter.</summary>
    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    /// <summary>Waits for a signal, at most <paramref name="timeout"/>; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken);
}
