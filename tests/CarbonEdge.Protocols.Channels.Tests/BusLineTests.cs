using CarbonEdge.Protocols.Channels;
using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.Channels.Tests;

/// <summary>The bus line: turns in the order asked; a port that is gone is reported once, not touched during the back-off, and opened when it is back.</summary>
public sealed class BusLineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 30_000)]
    public async Task Turns_AreGivenInTheOrderAsked_AndACancelledWaiterSkipsItsTurn()
    {
        await using var line = BusLine.OverSerial(new SerialPortOptions { Path = "/dev/does-not-exist" });
        await line.TakeTurnAsync(CancellationToken.None);
        var order = new List<int>();
        using var cancelled = new CancellationTokenSource();
        var waiters = Enumerable.Range(0, 20).Select(async i =>
        {
            await line.TakeTurnAsync(i == 7 ? cancelled.Token : CancellationToken.None);
            try
            {
                lock (order) order.Add(i);
                await Task.Yield();
            }
            finally
            {
                line.EndTurn();
            }
        }).ToArray();
        await cancelled.CancelAsync();
        line.EndTurn();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiters[7].WaitAsync(Wait));
        await Task.WhenAll(waiters.Where((_, i) => i != 7)).WaitAsync(Wait);
        Assert.Equal(Enumerable.Range(0, 20).Where(i => i != 7), order);
    }

    [Fact(Timeout = 60_000)]
    public async Task PortGone_IsDownOnce_FailsFastDuringTheBackoff_AndOpensWhenThePathIsBack()
    {
        var pty = await SocatPtyPair.StartAsync("bus-line-gone");
        await pty.DisposeAsync(); // unplugged before the first request: the path does not exist
        await using var line = BusLine.OverSerial(new SerialPortOptions { Path = pty.PathB });
        var changes = new List<BusLineState>();
        line.StateChanged += (_, state) => { lock (changes) changes.Add(state); };

        var gone = await Assert.ThrowsAsync<BusDownException>(() => line.Channel.OpenAsync(CancellationToken.None).AsTask());
        Assert.True(gone.PortGone);
        Assert.Contains("port gone", gone.Message);
        Assert.Equal(BusLineState.Down, line.State);
        var again = await Assert.ThrowsAsync<BusDownException>(() => line.Channel.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains("tried again in", again.Message); // within the back-off: the port is not touched
        Assert.Equal(1, line.Downs);

        await using var back = await pty.StartAgainAsync(); // plugged in again
        await Poll.UntilAsync("the line opening once the path is back", Wait, async () =>
        {
            try
            {
                await line.Channel.OpenAsync(CancellationToken.None);
                return true;
            }
            catch (BusDownException)
            {
                return false; // still inside the back-off
            }
        });
        Assert.Equal(BusLineState.Up, line.State);
        Assert.False(line.PortGone);
        Assert.Equal(1, line.Downs);
        lock (changes) Assert.Equal([BusLineState.Down, BusLineState.Up], changes);
    }
}
