using CarbonEdge.Edge.Polling;

namespace CarbonEdge.Edge.Uplink;

/// <summary>Wakes the uplink when readings were buffered or a batch was acknowledged, and counts readings added.</summary>
internal sealed class UplinkSignal
{
    private readonly AsyncTrigger _trigger = new();
    private long _added;

    /// <summary>Called by polling after readings are stored.</summary>
    public void ReadingsAdded(int count)
    {
        Interlocked.Add(ref _added, count);
        _trigger.Set();
    }

    /// <summary>Wakes the uplink (e.g. after an acknowledgement freed a slot).</summary>
    public void Wake() => _trigger.Set();

    /// <summary>Readings added since the last call.</summary>
    public long TakeAdded() => Interlocked.Exchange(ref _added, 0);

    /// <summary>Waits for a wake-up, at most <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _trigger.WaitAsync(timeout, cancellationToken);
}
