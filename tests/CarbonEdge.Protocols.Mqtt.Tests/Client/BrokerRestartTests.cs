using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Testing;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>A broker restart in the middle of a QoS 1 stream: every message arrives (duplicates allowed), every publish completes.</summary>
public class BrokerRestartTests
{
    [Fact]
    public async Task A_broker_restart_mid_stream_loses_nothing_at_qos1()
    {
        await using var broker = await MosquittoBroker.StartAsync("mqtt-restart");
        const int count = 3000;
        string topic = UniqueTopic("restart");
        var subscriberOptions = Options(broker.Port, UniqueId("cloud"));
        subscriberOptions.CleanSession = false;
        await using var subscriber = new MqttClient(subscriberOptions);
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var publisher = new MqttClient(Options(broker.Port, UniqueId("gw")));
        await publisher.ConnectAsync().Within();
        var publishes = new List<Task<MqttPublishResult>>();
        for (int i = 0; i < count; i++)
        {
            publishes.Add(publisher.PublishAsync(Message(topic, i.ToString(), MqttQualityOfServiceLevel.AtLeastOnce)));
            if (i == count / 3) await broker.RestartAsync(TimeSpan.FromMilliseconds(300));
        }
        await Task.WhenAll(publishes).WaitAsync(TimeSpan.FromSeconds(60));

        var seen = new HashSet<int>();
        while (seen.Count < count) seen.Add(int.Parse((await received.NextAsync(TimeSpan.FromSeconds(30))).Message.Text()));
        Assert.Equal(count, seen.Count);
    }
}

/// <summary>A persistent session survives a broker restart (mosquitto writes it to mosquitto.db on SIGTERM).</summary>
public class PersistentSessionRestartTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Messages_published_while_offline_arrive_after_a_broker_restart(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync("mqtt-session-restart");
        string topic = UniqueTopic("session-restart");
        var options = Options(broker.Port, UniqueId("cloud"), version);
        options.CleanSession = false;
        await using (var first = new MqttClient(options))
        {
            await first.ConnectAsync().Within();
            await first.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();
            await first.DisconnectAsync().Within();
        }
        await using (var publisher = new MqttClient(Options(broker.Port, UniqueId("gw"), version)))
        {
            await publisher.ConnectAsync().Within();
            for (int i = 0; i < 5; i++) await publisher.PublishAsync(Message(topic, $"offline {i}", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        }
        await broker.RestartAsync();

        await using var second = new MqttClient(options);
        var received = new Received(second);
        Assert.True((await second.ConnectAsync().Within()).SessionPresent);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"offline {i}"), (await received.TakeAsync(5)).Select(m => m.Message.Text()));
    }
}
