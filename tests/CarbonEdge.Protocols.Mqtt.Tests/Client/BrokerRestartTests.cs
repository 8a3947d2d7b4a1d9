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
