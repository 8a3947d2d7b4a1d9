using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Protocols.Mqtt.Packets;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>QoS 0/1/2 on both protocol versions, MQTT 5 properties and options, shared subscriptions, through a real mosquitto.</summary>
public class Mqtt5Tests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private int Port => fixture.Broker.Port;

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.ExactlyOnce)]
    public async Task Round_trip_at_each_qos_on_each_version(MqttProtocolVersion version, MqttQualityOfServiceLevel qos)
    {
        string topic = UniqueTopic("qos");
        await using var subscriber = new MqttClient(Options(Port, UniqueId("sub"), version));
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.ExactlyOnce).Within();

        await using var publisher = new MqttClient(Options(Port, UniqueId("pub"), version));
        await publisher.ConnectAsync().Within();
        for (int i = 0; i < 20; i++) _ = publisher.PublishAsync(Message(topic, $"m{i}", qos));
        await publisher.PublishAsync(Message(topic, "last", qos)).Within();
        Assert.Equal(0, publisher.InflightCount);

        var messages = await received.TakeAsync(21);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}").Append("last"), messages.Select(m => m.Message.Text()));
        Assert.All(messages, m => Assert.Equal(qos, m.Message.QualityOfService));
    }

    [Fact]
    public async Task Mqtt5_properties_reach_the_subscriber()
    {
        string topic = UniqueTopic("props");
        await using var subscriber = new MqttClient(Options(Port, UniqueId("sub"), MqttProtocolVersion.V500));
        var received = new Received(subscriber);
        var connected = await subscriber.ConnectAsync().Within();
        Assert.NotNull(connected.ConnAck.ReceiveMaximum ?? (ushort?)65535);
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var publisher = new MqttClient(Options(Port, UniqueId("pub"), MqttProtocolVersion.V500));
        await publisher.ConnectAsync().Within();
        await publisher.PublishAsync(Message(topic, "{}", MqttQualityOfServiceLevel.AtLeastOnce) with
        {
            ContentType = "application/json",
            ResponseTopic = topic + "/reply",
            CorrelationData = new byte[] { 1, 2, 3 },
            MessageExpiryInterval = 3600,
            PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
            UserProperties = [new MqttUserProperty("schema", "carbonedge.telemetry.v1"), new MqttUserProperty("schema", "again")],
        }).Within();

        var message = (await received.NextAsync()).Message;
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(topic + "/reply", message.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3 }, message.CorrelationData!.Value.ToArray());
        Assert.InRange(message.MessageExpiryInterval!.Value, 3500u, 3600u);
        Assert.Equal(MqttPayloadFormatIndicator.CharacterData, message.PayloadFormatIndicator);
        Assert.Equal(["carbonedge.telemetry.v1", "again"], message.UserProperties.Select(p => p.Value));
    }

    [Fact]
    public async Task No_local_keeps_a_client_from_receiving_its_own_messages()
    {
        string topic = UniqueTopic("nolocal");
        await using var client = new MqttClient(Options(Port, UniqueId("c"), MqttProtocolVersion.V500));
        var received = new Received(client);
        await client.ConnectAsync().Within();
        await client.SubscribeAsync([new MqttTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce) { NoLocal = true }]).Within();
        await client.PublishAsync(Message(topic, "mine", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Retain_handling_2_sends_no_retained_message()
    {
        string topic = UniqueTopic("retain-handling");
        await using var client = new MqttClient(Options(Port, UniqueId("c"), MqttProtocolVersion.V500));
        var received = new Received(client);
        await client.ConnectAsync().Within();
        await client.PublishAsync(Message(topic, "kept", MqttQualityOfServiceLevel.AtLeastOnce, retain: true)).Within();
        await client.SubscribeAsync([new MqttTopicFilter(topic) { RetainHandling = MqttRetainHandling.DoNotSend }]).Within();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(500)));
        await client.SubscribeAsync([new MqttTopicFilter(topic) { RetainAsPublished = true }]).Within();
        Assert.True((await received.NextAsync()).Message.Retain);
        await client.PublishAsync(Message(topic, "", MqttQualityOfServiceLevel.AtLeastOnce, retain: true)).Within();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_shared_subscription_splits_a_stream_between_two_clients(MqttProtocolVersion version)
    {
        string topic = UniqueTopic("shared");
        string filter = $"$share/ingest/{topic}/+/telemetry";
        await using var first = new MqttClient(Options(Port, UniqueId("ingest-a"), version));
        await using var second = new MqttClient(Options(Port, UniqueId("ingest-b"), version));
        var firstReceived = new Received(first);
        var secondReceived = new Received(second);
        foreach (var client in new[] { first, second })
        {
            await client.ConnectAsync().Within();
            Assert.True((await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce).Within()).IsSuccess);
        }

        await using var gateway = new MqttClient(Options(Port, UniqueId("gw"), version));
        await gateway.ConnectAsync().Within();
        const int count = 40;
        for (int i = 0; i < count; i++) await gateway.PublishAsync(Message($"{topic}/gw-{i % 4}/telemetry", i.ToString(), MqttQualityOfServiceLevel.AtLeastOnce)).Within();

        var deadline = DateTime.UtcNow + TestKit.Timeout;
        while (firstReceived.Texts.Count + secondReceived.Texts.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        await Task.Delay(200); // nothing more should come
        var a = firstReceived.Texts;
        var b = secondReceived.Texts;
        Assert.Equal(count, a.Count + b.Count);
        Assert.Equal(count, a.Concat(b).Distinct().Count());
        Assert.NotEmpty(a);
        Assert.NotEmpty(b);
    }
}
