using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Testing;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>A host that starts before its broker keeps trying, with backoff, until the broker is there.</summary>
public class ConnectWithRetryTests
{
    [Fact]
    public async Task Connects_once_the_broker_comes_up_and_reports_each_failed_attempt()
    {
        int port = FreePort.Next();
        var options = Options(port, UniqueId("late"));
        options.ReconnectDelayMin = TimeSpan.FromMilliseconds(100);
        options.ReconnectDelayMax = TimeSpan.FromMilliseconds(400);
        await using var client = new MqttClient(options);
        var failures = new List<(MqttException Error, TimeSpan Delay)>();
        var connecting = client.ConnectWithRetryAsync((ex, delay) => { lock (failures) failures.Add((ex, delay)); });

        await Task.Delay(1200);
        Assert.False(connecting.IsCompleted);
        await using var broker = await MosquittoBroker.StartAsync("mqtt-late-broker", port: port);
        await connecting.Within();

        Assert.True(client.IsConnected);
        lock (failures)
        {
            Assert.True(failures.Count >= 2, $"{failures.Count} failed attempts reported");
            Assert.All(failures, f => Assert.IsType<MqttCommunicationException>(f.Error));
            Assert.All(failures, f => Assert.InRange(f.Delay, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)));
        }
    }

    [Fact]
    public async Task Stops_trying_when_cancelled()
    {
        var options = Options(FreePort.Next(), UniqueId("never"));
        options.ReconnectDelayMin = TimeSpan.FromMilliseconds(50);
        await using var client = new MqttClient(options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectWithRetryAsync(cancellationToken: cancel.Token)).Within();
        Assert.False(client.IsConnected);
    }
}
