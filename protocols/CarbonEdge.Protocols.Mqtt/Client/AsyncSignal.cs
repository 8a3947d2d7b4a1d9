namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// Wakes one waiting loop when work was queued. Producers call <see cref="Set"/> after queuing; the loop calls
/// <see cref="PrepareWait"/>, checks for work once more, then <see cref="WaitAsync"/>. Only the first <see cref="Set"/>
/// after <see cref="PrepareWait"/> costs a semaphore release, so a busy producer pays one interlocked exchange.
/// </summary>
internal sealed class AsyncSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0);
    private int _armed;

    public void Set()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1) _semaphore.Release();
    }

    public void PrepareWait() => Volatile.Write(ref _armed, 1);

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
