using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Protocols.Mqtt.Packets;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>Publish and subscribe through a real mosquitto.</summary>
public class RoundTripTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private int Port => fixture.Broker.Port;

    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce)]
    public async Task A_message_published_at_a_qos_arrives_at_that_qos(MqttQualityOfServiceLevel qos)
    {
        string topic = UniqueTopic("roundtrip");
        await using var subscriber = new MqttClient(Options(Port, UniqueId("sub")));
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        var granted = await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, Assert.Single(granted.Items).GrantedQualityOfService);

        await using var publisher = new MqttClient(Options(Port, UniqueId("pub")));
        await publisher.ConnectAsync().Within();
        var result = await publisher.PublishAsync(Message(topic, "hello", qos)).Within();
        Assert.Equal(MqttPubAckReasonCode.Success, result.ReasonCode);
        Assert.Equal(qos == MqttQualityOfServiceLevel.AtMostOnce, result.PacketIdentifier == 0);

        var message = await received.NextAsync();
        Assert.Equal(topic, message.Message.Topic);
        Assert.Equal("hello", message.Message.Text());
        Assert.Equal(qos, message.Message.QualityOfService);
        Assert.False(message.Message.Retain);
        Assert.False(message.Dup);
        Assert.Equal(0, publisher.InflightCount);
    }

    [Fact]
    public async Task Many_concurrent_qos1_publishes_all_arrive_in_order()
    {
        const int count = 2000;
        string topic = UniqueTopic("many");
        await using var subscriber = new MqttClient(Options(Port, UniqueId("sub")));
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        var options = Options(Port, UniqueId("pub"));
        options.MaxInflight = 16;
        await using var publisher = new MqttClient(options);
        await publisher.ConnectAsync().Within();
        var publishes = Enumerable.Range(0, count)
            .Select(i => publisher.PublishAsync(Message(topic, i.ToString(), MqttQualityOfServiceLevel.AtLeastOnce)))
            .ToArray();
        var results = await Task.WhenAll(publishes).Within();
        Assert.Equal(count, results.Select(r => r.PacketIdentifier).Count(id => id != 0));

        var messages = await received.TakeAsync(count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString()), messages.Select(m => m.Message.Text()));
    }

    [Fact]
    public async Task A_retained_message_reaches_a_later_subscriber_with_the_retain_flag()
    {
        string topic = UniqueTopic("retained");
        await using var publisher = new MqttClient(Options(Port, UniqueId("pub")));
        await publisher.ConnectAsync().Within();
        await publisher.PublishAsync(Message(topic, "online", MqttQualityOfServiceLevel.AtLeastOnce, retain: true)).Within();

        await using var subscriber = new MqttClient(Options(Port, UniqueId("sub")));
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();
        var message = await received.NextAsync();
        Assert.Equal("online", message.Message.Text());
        Assert.True(message.Message.Retain);

        await publisher.PublishAsync(Message(topic, "", MqttQualityOfServiceLevel.AtLeastOnce, retain: true)).Within(); // clears it
    }

    [Fact]
    public async Task Subscribe_reports_each_filter_and_unsubscribe_stops_delivery()
    {
        string topic = UniqueTopic("unsub");
        await using var client = new MqttClient(Options(Port, UniqueId("c")));
        var received = new Received(client);
        await client.ConnectAsync().Within();
        var result = await client.SubscribeAsync([new MqttTopicFilter(topic, MqttQualityOfServiceLevel.ExactlyOnce), new MqttTopicFilter(topic + "/+")]).Within();
        Assert.True(result.IsSuccess);
        Assert.Equal([MqttSubscribeReasonCode.GrantedQoS2, MqttSubscribeReasonCode.GrantedQoS0], result.Items.Select(i => i.ReasonCode));

        await client.UnsubscribeAsync([topic, topic + "/+"]).Within();
        await client.PublishAsync(Message(topic, "x", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Invalid_use_gets_clear_errors()
    {
        await using var client = new MqttClient(Options(Port, UniqueId("c")));
        await Assert.ThrowsAsync<MqttNotConnectedException>(() => client.PublishAsync(Message("a/b", "x")));
        await client.ConnectAsync().Within();
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(Message("a/+", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync("a/#/b"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync());
        await client.DisconnectAsync().Within();
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<MqttNotConnectedException>(() => client.PublishAsync(Message("a/b", "x")));
    }

    [Fact]
    public async Task An_unreachable_broker_is_a_communication_error()
    {
        await using var client = new MqttClient(Options(CarbonEdge.Testing.FreePort.Next(), UniqueId("c")));
        var error = await Assert.ThrowsAsync<MqttCommunicationException>(() => client.ConnectAsync()).Within();
        Assert.Contains("127.0.0.1", error.Message);
    }
}
