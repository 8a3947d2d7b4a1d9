using System.IO.Ports;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.Channels.Tests;

/// <summary>The serial channel on socat pty pairs: settings a port does not keep, a port that disappears and comes back.</summary>
public class SerialChannelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SystemIOPortsOpensAPtyWithParityItDoesNotKeep()
    {
        await using var pty = await SocatPtyPair.StartAsync("serial-parity");
        // System.IO.Ports alone: the open either succeeds (the pty silently keeps no parity) or fails without naming the setting.
        var plain = Record.Exception(() =>
        {
            using var port = new SerialPort(pty.PathA, 9600, Parity.Even, 8, StopBits.One);
            port.Open();
        });
        Assert.True(plain is null || !plain.Message.Contains("parity", StringComparison.OrdinalIgnoreCase), plain?.Message);

        await using var channel = new SerialChannel(new SerialPortOptions { Path = pty.PathA, Parity = SerialParity.Even });
        var error = await Assert.ThrowsAsync<ChannelException>(() => channel.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains("parity", error.Message);
        Assert.False(channel.IsOpen);
        var missing = await Assert.ThrowsAsync<ChannelException>(() =>
            new SerialChannel(new SerialPortOptions { Path = "/dev/does-not-exist" }).OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains("cannot open", missing.Message);
    }

    [Fact]
    public async Task PulledPort_FailsThePendingRead_AndOpensAgainWhenItIsBack()
    {
        var pty = await SocatPtyPair.StartAsync("serial-unplug");
        await using var channel = new SerialChannel(new SerialPortOptions { Path = pty.PathB });
        await channel.OpenAsync(CancellationToken.None);
        var buffer = new byte[16];
        var pending = channel.ReadAsync(buffer, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask();

        await pty.DisposeAsync(); // the adapter is pulled
        var lost = await Assert.ThrowsAsync<ChannelException>(() => pending.WaitAsync(Wait));
        Assert.Contains(pty.PathB, lost.Message);
        Assert.False(channel.IsOpen);
        var gone = await Assert.ThrowsAsync<ChannelException>(() => channel.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains("cannot open", gone.Message);

        await using var back = await pty.StartAgainAsync(); // plugged in again
        await channel.OpenAsync(CancellationToken.None);
        await using var peer = new SerialChannel(new SerialPortOptions { Path = back.PathA });
        await peer.OpenAsync(CancellationToken.None);
        await peer.WriteAsync(new byte[] { 0x01, 0x04, 0x02 }, CancellationToken.None);
        int read = 0;
        while (read < 3)
        {
            int n = await channel.ReadAsync(buffer.AsMemory(read), Wait, CancellationToken.None);
            Assert.NotEqual(0, n);
            read += n;
        }
        Assert.Equal(new byte[] { 0x01, 0x04, 0x02 }, buffer[..3]);
    }

    [Fact(Timeout = 60_000)]
    public async Task WriteToAPortThatWentAway_FailsInsteadOfWaitingForEver()
    {
        var pty = await SocatPtyPair.StartAsync("serial-write-gone");
        // System.IO.Ports alone: once a read has failed on the pulled port, its I/O loop has ended and a write waits out its
        // whole WriteTimeout (for ever with the default, InfiniteTimeout) instead of failing; the timed-out write stays
        // queued, and SerialPort.Dispose would then spin for ever in Flush: the stream is disposed first, as SerialChannel does.
        var port = new SerialPort(pty.PathB, 9600, Parity.None, 8, StopBits.One) { WriteTimeout = 2000 };
        port.Open();
        var read = port.BaseStream.ReadAsync(new byte[16]).AsTask();
        await pty.DisposeAsync(); // the adapter is pulled
        await Assert.ThrowsAsync<ObjectDisposedException>(() => read.WaitAsync(Wait)); // "The port is closed": POLLERR ended the I/O loop
        var stuck = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<TimeoutException>(() => port.BaseStream.Write(new byte[] { 0x01 }));
        Assert.True(stuck.Elapsed >= TimeSpan.FromSeconds(1.5), $"the write failed after {stuck.Elapsed.TotalSeconds:0.0} s");
        port.BaseStream.Dispose();
        port.Dispose();

        pty = await pty.StartAgainAsync();
        await using var channel = new SerialChannel(new SerialPortOptions { Path = pty.PathB });
        await channel.OpenAsync(CancellationToken.None);
        await pty.DisposeAsync();
        await Poll.UntilAsync("a write to the pulled port failing", Wait, async () =>
        {
            try
            {
                await channel.WriteAsync(new byte[] { 0x01 }, CancellationToken.None).AsTask().WaitAsync(Wait);
                return false; // written before the port was seen gone
            }
            catch (ChannelException ex)
            {
                Assert.Contains(pty.PathB, ex.Message);
                return true;
            }
        });
        Assert.False(channel.IsOpen);
    }
}
