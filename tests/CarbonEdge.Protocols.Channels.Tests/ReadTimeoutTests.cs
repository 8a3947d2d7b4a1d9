using System.Diagnostics;
using System.IO.Ports;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Testing;
using Xunit.Abstractions;

namespace CarbonEdge.Protocols.Channels.Tests;

/// <summary>Blocks the thread pool: must not run beside other tests.</summary>
[CollectionDefinition(nameof(BusyThreadPool), DisableParallelization = true)]
public sealed class BusyThreadPool;

/// <summary>
/// Why the serial channel keeps its own receive thread for read timeouts (the Modbus response timeout, the RTU frame
/// gap): System.IO.Ports ends a timed read with a thread-pool timer, so while the pool is busy (as on a loaded gateway)
/// the timeout fires late. The figures go to the test output and docs/channels.md.
/// </summary>
[Collection(nameof(BusyThreadPool))]
public class ReadTimeoutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task ReadTimeout_HoldsWhileThePoolIsBusy_WhereSystemIOPortsIsLate()
    {
        await using var pty = await SocatPtyPair.StartAsync("serial-timeout");
        await using var channel = new SerialChannel(new SerialPortOptions { Path = pty.PathA });
        await channel.OpenAsync(CancellationToken.None);
        using var port = new SerialPort(pty.PathB, 9600, Parity.None, 8, StopBits.One) { ReadTimeout = (int)Timeout.TotalMilliseconds };
        port.Open();

        TimeSpan ours, theirs;
        using (BlockThreadPool())
        {
            var clock = Stopwatch.StartNew();
            int read = ReadOnThisThread(channel);
            ours = clock.Elapsed;
            Assert.Equal(0, read);
            clock.Restart();
            Assert.Throws<TimeoutException>(() => port.Read(new byte[8], 0, 8));
            theirs = clock.Elapsed;
        }
        output.WriteLine($"read timeout {Timeout.TotalMilliseconds:0} ms, thread pool busy: SerialChannel {ours.TotalMilliseconds:0} ms, System.IO.Ports {theirs.TotalMilliseconds:0} ms");
        Assert.True(ours < Busy, $"SerialChannel took {ours.TotalMilliseconds:0} ms");
        Assert.True(theirs > ours + Timeout, $"System.IO.Ports took {theirs.TotalMilliseconds:0} ms, SerialChannel {ours.TotalMilliseconds:0} ms");
    }

    /// <summary>Waits for the read on the calling thread: with the pool busy, an await could not resume.</summary>
    private static int ReadOnThisThread(SerialChannel channel) =>
        channel.ReadAsync(new byte[8], Timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Occupies every thread-pool thread (and those the pool adds) for <see cref="Busy"/>, or until disposed.</summary>
    private static IDisposable BlockThreadPool()
    {
        var release = new ManualResetEventSlim();
        long until = Stopwatch.GetTimestamp() + (long)(Busy.TotalSeconds * Stopwatch.Frequency);
        ThreadPool.GetMinThreads(out int workers, out _);
        for (int i = 0; i < workers + 64; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Math.Max(until, Stopwatch.GetTimestamp()))), null);
        }
        return new Release(release);
    }

    /// <summary>Lets the blocked work items go; the event stays undisposed, as items still queued wait on it.</summary>
    private sealed class Release(ManualResetEventSlim release) : IDisposable
    {
        public void Dispose() => release.Set();
    }
}
