using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Testing;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>An <see cref="IMqttOutbox"/> carries unacknowledged publishes from one client instance (process) to the next.</summary>
public class OutboxTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttQualityOfServiceLevel.ExactlyOnce)]
    public async Task A_publish_unacknowledged_when_the_process_ended_is_resent_by_the_next_one(MqttQualityOfServiceLevel qos)
    {
        int port = fixture.Broker.Port;
        string topic = UniqueTopic("outbox");
        await using var subscriber = new MqttClient(Options(port, UniqueId("cloud")));
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.ExactlyOnce).Within();

        var outbox = new TableOutbox(); // stands for the gateway's SQLite table: it outlives the client instance
        string clientId = UniqueId("gw");
        await using (var proxy = TcpProxy.Start(port))
        {
            var options = Options(proxy.Port, clientId);
            options.CleanSession = false;
            options.Outbox = outbox;
            options.AutoReconnect = false;
            var first = new MqttClient(options);
            await first.ConnectAsync().Within();
            proxy.Blackhole = true; // the PUBLISH never reaches the broker
            var lost = first.PublishAsync(Message(topic, "survivor", qos));
            while (outbox.Count == 0) await Task.Delay(10).Within();
            await proxy.DropConnectionsAsync();
            await first.DisposeAsync(); // the process ends with the publish unacknowledged
            await Assert.ThrowsAsync<ObjectDisposedException>(() => lost);
        }
        var stored = Assert.Single(outbox.Entries);
        Assert.Equal("survivor", stored.Message.Text());

        var again = Options(port, clientId);
        again.CleanSession = false;
        again.Outbox = outbox;
        await using var second = new MqttClient(again);
        await second.ConnectAsync().Within();
        var message = await received.NextAsync();
        Assert.Equal("survivor", message.Message.Text());
        while (outbox.Count > 0) await Task.Delay(10).Within();
        Assert.Equal(0, second.InflightCount);
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    /// <summary>A durable-store stand-in: a table keyed by packet identifier that keeps first-sent order.</summary>
    private sealed class TableOutbox : IMqttOutbox
    {
        private readonly List<MqttOutboxEntry> _rows = [];

        public int Count
        {
            get { lock (_rows) return _rows.Count; }
        }

        public IReadOnlyList<MqttOutboxEntry> Entries
        {
            get { lock (_rows) return [.. _rows]; }
        }

        public ValueTask<IReadOnlyList<MqttOutboxEntry>> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Entries);

        public ValueTask StoreAsync(MqttOutboxEntry entry, CancellationToken cancellationToken)
        {
            lock (_rows) _rows.Add(entry);
            return ValueTask.CompletedTask;
        }

        public ValueTask ReleaseAsync(ushort packetIdentifier, CancellationToken cancellationToken)
        {
            lock (_rows)
            {
                int i = _rows.FindIndex(r => r.PacketIdentifier == packetIdentifier);
                if (i >= 0) _rows[i] = _rows[i] with { Released = true };
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask RemoveAsync(ushort packetIdentifier, CancellationToken cancellationToken)
        {
            lock (_rows) _rows.RemoveAll(r => r.PacketIdentifier == packetIdentifier);
            return ValueTask.CompletedTask;
        }
    }
}
