using System.Collections.Concurrent;
using System.Text;
using CarbonEdge.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace CarbonEdge.Protocols.BrokerLink.Tests;

/// <summary>On the default test broker (TLS, the tester's account): reconnect loop, persistent session across a broker restart, and a shared subscription split between two links.</summary>
public sealed class SessionTests
{
    private static readonly TimeSpan Wait = SecuredBroker.Wait;
    private static readonly MosquittoAccount Tester = MosquittoAccount.Tester;

    private static MqttApplicationMessage Message(string topic, string text) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(text)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static async Task SubscribeAsync(BrokerLink link, string filter)
    {
        var result = await link.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        Assert.All(result.Items, i => Assert.True(i.ResultCode <= MqttClientSubscribeResultCode.GrantedQoS2));
    }

    [Theory]
    [InlineData("3.1.1")]
    [InlineData("5")]
    public async Task A_persistent_session_keeps_what_arrived_while_the_broker_restarted_and_the_link_reconnects(string version)
    {
        await using var broker = await MosquittoBroker.StartAsync($"brokerlink-session-{version}");
        var received = new ConcurrentQueue<string>();
        var connects = new ConcurrentQueue<BrokerConnected>();
        var settings = new BrokerSettings { Url = broker.Url, CaFile = broker.CaFile, Username = Tester.Username, Password = Tester.Password, ClientId = $"session-{version.Replace('.', '-')}", ProtocolVersion = version };
        await using var consumer = new BrokerLink(settings) { MaxReconnectDelay = TimeSpan.FromMilliseconds(500) };
        consumer.Client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        consumer.Connected += c =>
        {
            connects.Enqueue(c);
            return Task.CompletedTask;
        };
        await consumer.StartAsync((_, _) => { }, CancellationToken.None).WaitAsync(Wait);
        await SubscribeAsync(consumer, "plant/+/telemetry");
        await consumer.DisconnectAsync(CancellationToken.None); // offline: the broker queues for the session

        await using (var producer = new BrokerLink(new BrokerSettings { Url = broker.Url, CaFile = broker.CaFile, Username = Tester.Username, Password = Tester.Password, ClientId = "producer", CleanSession = true, ProtocolVersion = version }))
        {
            await producer.ConnectOnceAsync(CancellationToken.None).WaitAsync(Wait);
            Assert.True((await producer.Client.PublishAsync(Message("plant/a/telemetry", "while away"))).IsSuccess);
        }
        await broker.RestartAsync(TimeSpan.FromMilliseconds(300)); // SIGTERM writes the session to mosquitto.db

        await using var back = new BrokerLink(settings) { MaxReconnectDelay = TimeSpan.FromMilliseconds(500) };
        back.Client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        var first = await back.StartAsync((_, _) => { }, CancellationToken.None).WaitAsync(Wait);
        Assert.True(first.SessionPresent);
        await Poll.UntilAsync("the message queued for the session", Wait, () => received.Contains("while away"));

        var reconnected = new TaskCompletionSource<BrokerConnected>(TaskCreationOptions.RunContinuationsAsynchronously);
        back.Connected += c =>
        {
            reconnected.TrySetResult(c);
            return Task.CompletedTask;
        };
        await broker.RestartAsync(TimeSpan.FromMilliseconds(300)); // the loop reconnects by itself
        var again = await reconnected.Task.WaitAsync(Wait);
        Assert.True(again.IsReconnect);
        Assert.True(again.SessionPresent);
    }

    [Fact]
    public async Task A_shared_subscription_gives_each_message_to_exactly_one_of_two_links()
    {
        await using var broker = await MosquittoBroker.StartAsync("brokerlink-share");
        var got = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var links = new List<BrokerLink>();
        try
        {
            foreach (string id in new[] { "cloud-1", "cloud-2" })
            {
                var link = new BrokerLink(new BrokerSettings { Url = broker.Url, CaFile = broker.CaFile, Username = Tester.Username, Password = Tester.Password, ClientId = id, CleanSession = true });
                links.Add(link);
                var bag = got.GetOrAdd(id, _ => []);
                link.Client.ApplicationMessageReceivedAsync += e =>
                {
                    bag.Add(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                    return Task.CompletedTask;
                };
                await link.ConnectOnceAsync(CancellationToken.None).WaitAsync(Wait);
                await SubscribeAsync(link, "$share/cloud/plant/+/telemetry");
            }
            await using var producer = new BrokerLink(new BrokerSettings { Url = broker.Url, CaFile = broker.CaFile, Username = Tester.Username, Password = Tester.Password, ClientId = "producer", CleanSession = true });
            await producer.ConnectOnceAsync(CancellationToken.None).WaitAsync(Wait);
            for (int i = 0; i < 40; i++) Assert.True((await producer.Client.PublishAsync(Message("plant/a/telemetry", $"m{i}"))).IsSuccess);

            await Poll.UntilAsync("40 messages between the two links", Wait, () => got.Values.Sum(b => b.Count) >= 40);
            var all = got.Values.SelectMany(b => b).ToList();
            Assert.Equal(40, all.Count);
            Assert.Equal(40, all.Distinct().Count()); // none twice
            Assert.All(got.Values, b => Assert.NotEmpty(b)); // both took a share
        }
        finally
        {
            foreach (var link in links) await link.DisposeAsync();
        }
    }
}
