using System.Diagnostics;

namespace CarbonEdge.Testing;

/// <summary>
/// Occupies every thread-pool thread, and any the pool adds meanwhile, until disposed or for at most a given time,
/// then queues a probe work item behind the blocking ones. The pool runs its global queue first in first out, so while
/// <see cref="ProbeRan"/> is false the pool has run nothing queued after <see cref="Start"/>: code that ended in that
/// time did not need a pool thread. Tests using it must not run beside others (a collection with parallelization off).
/// </summary>
public sealed class ThreadPoolBlock : IDisposable
{
    private readonly ManualResetEventSlim _release = new(); // not disposed: queued blockers may start after it is set
    private int _probeRan;

    private ThreadPoolBlock()
    {
    }

    /// <summary>Whether the probe queued behind the blocking items has started: the pool had a thread to spare.</summary>
    public bool ProbeRan => Volatile.Read(ref _probeRan) != 0;

    /// <summary>Blocks the pool for at most <paramref name="hold"/> (<see cref="Timeout.InfiniteTimeSpan"/>: until disposed).</summary>
    public static ThreadPoolBlock Start(TimeSpan hold)
    {
        var block = new ThreadPoolBlock();
        long until = hold == Timeout.InfiniteTimeSpan ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(hold.TotalSeconds * Stopwatch.Frequency);
        ThreadPool.GetMinThreads(out int workers, out _);
        int blockers = 2 * Math.Max(workers, ThreadPool.ThreadCount) + 64;
        for (int i = 0; i < blockers; i++) ThreadPool.UnsafeQueueUserWorkItem(_ => block.Hold(until), null);
        ThreadPool.UnsafeQueueUserWorkItem(_ => Volatile.Write(ref block._probeRan, 1), null);
        return block;
    }

    private void Hold(long until)
    {
        if (until == long.MaxValue)
        {
            _release.Wait();
            return;
        }
        long now = Stopwatch.GetTimestamp();
        if (now < until) _release.Wait(Stopwatch.GetElapsedTime(now, until));
    }

    /// <summary>Lets the blocking items go.</summary>
    public void Dispose() => _release.Set();
}
