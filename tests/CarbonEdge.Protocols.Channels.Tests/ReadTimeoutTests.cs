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
/// its timeout fires late, by however long the pool takes to free or add a thread. That delay is the pool's, not a
/// fixed figure, so it goes to the test output and the channels README; what is asserted is that the channel's read
/// timed out while the pool had run nothing queued after it was blocked.
/// </summary>
[Collection(nameof(BusyThreadPool))]
public class ReadTimeoutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task ReadTimeout_HoldsWhileThePoolIsBusy()
    {
        await using var pty = await SocatPtyPair.StartAsync("serial-timeout");
        await using var channel = new SerialChannel(new SerialPortOptions { Path = pty.PathA });
        await channel.OpenAsync(CancellationToken.None);
        using var port = new SerialPort(pty.PathB, 9600, Parity.None, 8, StopBits.One) { ReadTimeout = (int)Timeout.TotalMilliseconds };
        port.Open();

        TimeSpan ours, theirs;
        using (var pool = ThreadPoolBlock.Start(Busy))
        {
            var clock = Stopwatch.StartNew();
            int read = ReadOnThisThread(channel);
            ours = clock.Elapsed;
            Assert.Equal(0, read);
            Assert.False(pool.ProbeRan, "the pool had a thread to spare: the test proves nothing");
            clock.Restart();
            Assert.Throws<TimeoutException>(() => port.Read(new byte[8], 0, 8));
            theirs = clock.Elapsed;
        }
        output.WriteLine($"read timeout {Timeout.TotalMilliseconds:0} ms, thread pool busy: SerialChannel {ours.TotalMilliseconds:0} ms, System.IO.Ports {theirs.TotalMilliseconds:0} ms");
    }

    /// <summary>Waits for the read on the calling thread: with the pool busy, an await could not resume.</summary>
    private static int ReadOnThisThread(SerialChannel channel) =>
        channel.ReadAsync(new byte[8], Timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
