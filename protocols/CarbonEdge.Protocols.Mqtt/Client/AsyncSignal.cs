using System.Threading.Tasks.Sources;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// Wakes one waiting loop (the writer) when work was queued, without allocating per wait. The loop calls
/// <see cref="PrepareWait"/>, checks for work once more, then either awaits <see cref="WaitAsync"/> or, having found
/// work, <see cref="CancelWaitAsync"/>. Producers call <see cref="Set"/> after queuing; only the first one after
/// <see cref="PrepareWait"/> completes the wait, so a busy producer pays one interlocked exchange.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _armed;

    public void Set()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1) _core.SetResult(true);
    }

    public void PrepareWait() => Volatile.Write(ref _armed, 1);

    /// <summary>Completes at the first <see cref="Set"/> after <see cref="PrepareWait"/> (at once if it came already).</summary>
    public ValueTask WaitAsync() => new(this, _core.Version);

    /// <summary>Withdraws a prepared wait; if a producer already took it, consumes that completion so the next wait starts clean.</summary>
    public ValueTask CancelWaitAsync() => Interlocked.Exchange(ref _armed, 0) == 1 ? ValueTask.CompletedTask : WaitAsync();

    void IValueTaskSource.GetResult(short token)
    {
        _core.GetResult(token);
        _core.Reset();
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
