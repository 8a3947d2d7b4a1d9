using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Testing;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>Sessions, Last Will, broken links and reconnects against a real mosquitto, links cut by a <see cref="TcpProxy"/>.</summary>
public class SessionTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private int Port => fixture.Broker.Port;

    [Fact]
    public async Task The_last_will_fires_when_the_socket_dies_without_disconnect()
    {
        string willTopic = UniqueTopic("will");
        await using var watcher = new MqttClient(Options(Port, UniqueId("watch")));
        var received = new Received(watcher);
        await watcher.ConnectAsync().Within();
        await watcher.SubscribeAsync(willTopic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var proxy = TcpProxy.Start(Port);
        var options = Options(proxy.Port, UniqueId("gw"));
        options.Will = Message(willTopic, "offline", MqttQualityOfServiceLevel.AtLeastOnce);
        options.AutoReconnect = false;
        await using var gateway = new MqttClient(options);
        await gateway.ConnectAsync().Within();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(200)));

        await proxy.DropConnectionsAsync();
        var will = await received.NextAsync();
        Assert.Equal("offline", will.Message.Text());
    }

    [Fact]
    public async Task An_mqtt5_will_delay_holds_the_will_back()
    {
        string willTopic = UniqueTopic("will-delay");
        await using var watcher = new MqttClient(Options(Port, UniqueId("watch")));
        var received = new Received(watcher);
        await watcher.ConnectAsync().Within();
        await watcher.SubscribeAsync(willTopic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var proxy = TcpProxy.Start(Port);
        var options = Options(proxy.Port, UniqueId("gw"), MqttProtocolVersion.V500);
        options.Will = Message(willTopic, "offline", MqttQualityOfServiceLevel.AtLeastOnce);
        options.WillDelayInterval = TimeSpan.FromSeconds(2);
        options.SessionExpiryInterval = TimeSpan.FromSeconds(60); // the will waits for the smaller of delay and session expiry
        options.AutoReconnect = false;
        await using var gateway = new MqttClient(options);
        await gateway.ConnectAsync().Within();

        var dropped = DateTime.UtcNow;
        await proxy.DropConnectionsAsync();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal("offline", (await received.NextAsync()).Message.Text());
        Assert.True(DateTime.UtcNow - dropped >= TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task Disconnect_does_not_fire_the_last_will()
    {
        string willTopic = UniqueTopic("will");
        await using var watcher = new MqttClient(Options(Port, UniqueId("watch")));
        var received = new Received(watcher);
        await watcher.ConnectAsync().Within();
        await watcher.SubscribeAsync(willTopic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        var options = Options(Port, UniqueId("gw"));
        options.Will = Message(willTopic, "offline", MqttQualityOfServiceLevel.AtLeastOnce);
        var gateway = new MqttClient(options);
        await gateway.ConnectAsync().Within();
        await gateway.DisconnectAsync().Within();
        await gateway.DisposeAsync();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_persistent_session_receives_what_was_published_while_offline()
    {
        string topic = UniqueTopic("offline");
        string clientId = UniqueId("cloud");
        var options = Options(Port, clientId);
        options.CleanSession = false;
        await using (var first = new MqttClient(options))
        {
            var connect = await first.ConnectAsync().Within();
            Assert.False(connect.SessionPresent);
            await first.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();
            await first.DisconnectAsync().Within();
        }

        await using (var publisher = new MqttClient(Options(Port, UniqueId("pub"))))
        {
            await publisher.ConnectAsync().Within();
            for (int i = 0; i < 10; i++) await publisher.PublishAsync(Message(topic, $"m{i}", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        }

        await using var second = new MqttClient(options);
        var received = new Received(second);
        var resumed = await second.ConnectAsync().Within();
        Assert.True(resumed.SessionPresent);
        var messages = await received.TakeAsync(10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), messages.Select(m => m.Message.Text()));
    }

    [Fact]
    public async Task An_unacknowledged_message_is_redelivered_after_reconnect_and_acks_go_out_in_receive_order()
    {
        string topic = UniqueTopic("manual-ack");
        await using var proxy = TcpProxy.Start(Port);
        var options = Options(proxy.Port, UniqueId("cloud"));
        options.CleanSession = false;
        await using var cloud = new MqttClient(options);
        var received = new Received(cloud, autoAcknowledge: false);
        await cloud.ConnectAsync().Within();
        await cloud.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var publisher = new MqttClient(Options(Port, UniqueId("pub")));
        await publisher.ConnectAsync().Within();
        foreach (string text in new[] { "first", "second", "third" })
            await publisher.PublishAsync(Message(topic, text, MqttQualityOfServiceLevel.AtLeastOnce)).Within();

        var delivered = await received.TakeAsync(3);
        Assert.Equal(["first", "second", "third"], delivered.Select(m => m.Message.Text()));
        // Acknowledge the third only, then "second", leaving "first" open: MQTT 3.1.1 §4.6 holds both PUBACKs back.
        await delivered[2].AcknowledgeAsync();
        await delivered[1].AcknowledgeAsync();
        await Task.Delay(300);

        var reconnected = new TaskCompletionSource<MqttConnectedEventArgs>();
        cloud.ConnectedAsync += args => { reconnected.TrySetResult(args); return Task.CompletedTask; };
        await proxy.DropConnectionsAsync();
        Assert.True((await reconnected.Task.Within()).Result.SessionPresent);

        var redelivered = await received.TakeAsync(3);
        Assert.Equal(["first", "second", "third"], redelivered.Select(m => m.Message.Text()));
        Assert.All(redelivered, m => Assert.True(m.Dup));
        foreach (var message in redelivered) await message.AcknowledgeAsync();
        await Task.Delay(300);

        var again = new TaskCompletionSource<MqttConnectedEventArgs>();
        cloud.ConnectedAsync += args => { again.TrySetResult(args); return Task.CompletedTask; };
        await proxy.DropConnectionsAsync();
        await again.Task.Within();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_dead_link_is_found_by_keep_alive_and_the_client_reconnects()
    {
        await using var proxy = TcpProxy.Start(Port);
        var options = Options(proxy.Port, UniqueId("gw"));
        options.KeepAlive = TimeSpan.FromSeconds(1);
        options.PingTimeout = TimeSpan.FromSeconds(1);
        await using var client = new MqttClient(options);
        var disconnected = new TaskCompletionSource<MqttDisconnectedEventArgs>();
        client.DisconnectedAsync += args => { disconnected.TrySetResult(args); return Task.CompletedTask; };
        await client.ConnectAsync().Within();

        proxy.Blackhole = true;
        var lost = await disconnected.Task.Within();
        Assert.False(lost.ClientInitiated);
        Assert.True(lost.WillReconnect);
        Assert.Contains("PINGRESP", Assert.IsType<MqttCommunicationException>(lost.Exception).Message);

        proxy.Blackhole = false;
        var topic = UniqueTopic("after-dead-link");
        var result = await client.PublishAsync(Message(topic, "x", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        Assert.NotEqual(0, result.PacketIdentifier);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_publish_while_the_link_is_down_waits_for_the_reconnect()
    {
        string topic = UniqueTopic("wait");
        await using var subscriber = new MqttClient(Options(Port, UniqueId("sub")));
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var proxy = TcpProxy.Start(Port);
        await using var client = new MqttClient(Options(proxy.Port, UniqueId("gw")));
        await client.ConnectAsync().Within();
        proxy.RefuseNew = true;
        await proxy.DropConnectionsAsync();

        var publish = client.PublishAsync(Message(topic, "queued", MqttQualityOfServiceLevel.AtLeastOnce));
        await Task.Delay(500);
        Assert.False(publish.IsCompleted);
        using (var cancel = new CancellationTokenSource(100))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                client.PublishAsync(Message(topic, "cancelled wait", MqttQualityOfServiceLevel.AtLeastOnce), cancel.Token));
        }

        proxy.RefuseNew = false;
        await publish.Within();
        var texts = (await received.TakeAsync(2)).Select(m => m.Message.Text()).ToList();
        Assert.Contains("queued", texts);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, 5)]
    [InlineData(MqttProtocolVersion.V500, 500)]
    public async Task The_inflight_window_caps_unacknowledged_publishes_and_the_rest_wait(MqttProtocolVersion version, int maxInflight)
    {
        string topic = UniqueTopic("window");
        await using var subscriber = new MqttClient(Options(Port, UniqueId("sub")));
        var received = new Received(subscriber);
        await subscriber.ConnectAsync().Within();
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var proxy = TcpProxy.Start(Port);
        var options = Options(proxy.Port, UniqueId("gw"), version);
        options.MaxInflight = maxInflight;
        await using var client = new MqttClient(options);
        var connected = await client.ConnectAsync().Within();
        // MQTT 5.0 §4.9: the broker's Receive Maximum (mosquitto: max_inflight_messages, 100 here) caps the window too.
        int window = Math.Min(maxInflight, connected.ConnAck.ReceiveMaximum ?? ushort.MaxValue);
        proxy.Blackhole = true;
        int count = window + 20;
        var publishes = Enumerable.Range(0, count).Select(i => client.PublishAsync(Message(topic, i.ToString(), MqttQualityOfServiceLevel.AtLeastOnce))).ToArray();
        while (client.InflightCount < window) await Task.Delay(10).Within();
        await Task.Delay(300);
        Assert.Equal(window, client.InflightCount);
        Assert.DoesNotContain(publishes, p => p.IsCompleted);

        proxy.Blackhole = false;
        await proxy.DropConnectionsAsync(); // the blackholed PUBLISH packets are lost: the reconnect resends them with DUP
        await Task.WhenAll(publishes).Within();
        var deadline = DateTime.UtcNow + TestKit.Timeout;
        while (received.Texts.Distinct().Count() < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(count, received.Texts.Distinct().Count());
    }

    [Fact]
    public async Task Subscriptions_are_restored_after_a_reconnect_without_session()
    {
        string topic = UniqueTopic("resubscribe");
        await using var proxy = TcpProxy.Start(Port);
        await using var client = new MqttClient(Options(proxy.Port, UniqueId("c"))); // clean session: nothing survives on the broker
        var received = new Received(client);
        var connections = 0;
        client.ConnectedAsync += _ => { Interlocked.Increment(ref connections); return Task.CompletedTask; };
        await client.ConnectAsync().Within();
        await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await proxy.DropConnectionsAsync();
        await using var publisher = new MqttClient(Options(Port, UniqueId("pub")));
        await publisher.ConnectAsync().Within();
        while (Volatile.Read(ref connections) < 2) await Task.Delay(20).Within();
        await Task.Delay(200); // the SUBSCRIBE goes out first on the new connection
        await publisher.PublishAsync(Message(topic, "after", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        Assert.Equal("after", (await received.NextAsync()).Message.Text());
    }
}
