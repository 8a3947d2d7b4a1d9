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
}
