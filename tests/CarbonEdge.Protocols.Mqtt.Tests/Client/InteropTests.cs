using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Protocols.Mqtt.Packets;
using CarbonEdge.Testing;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>Our client against mosquitto's own command-line clients, both ways, and its password checks.</summary>
public class InteropTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private MosquittoBroker Broker => fixture.Broker;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Messages_from_mosquitto_pub_arrive(int qos)
    {
        string topic = UniqueTopic("from-mosquitto");
        await using var client = new MqttClient(Options(Broker.Port, UniqueId("sub")));
        var received = new Received(client);
        await client.ConnectAsync().Within();
        await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.ExactlyOnce).Within();

        var folder = RunFolder.Create("mosquitto-pub");
        await using var pub = ExternalProcess.Start("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", Broker.Port.ToString(), "-t", topic, "-q", qos.ToString(), "-m", "from mosquitto_pub"],
            folder.File("pub.log"));
        Assert.Equal(0, await pub.WaitForExitAsync(TestKit.Timeout));
        var message = await received.NextAsync();
        Assert.Equal("from mosquitto_pub", message.Message.Text());
        Assert.Equal((MqttQualityOfServiceLevel)qos, message.Message.QualityOfService);
    }

    [Fact]
    public async Task Messages_we_publish_reach_mosquitto_sub()
    {
        string topic = UniqueTopic("to-mosquitto");
        var folder = RunFolder.Create("mosquitto-sub");
        await using var sub = ExternalProcess.Start("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", Broker.Port.ToString(), "-t", topic, "-q", "1", "-C", "3", "-v"], folder.File("sub.log"));
        await WaitForSubscriptionAsync(topic);

        await using var client = new MqttClient(Options(Broker.Port, UniqueId("pub")));
        await client.ConnectAsync().Within();
        await client.PublishAsync(Message(topic, "zero")).Within();
        await client.PublishAsync(Message(topic, "one", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        await client.PublishAsync(Message(topic, "two", MqttQualityOfServiceLevel.ExactlyOnce)).Within();
        Assert.Equal(0, await sub.WaitForExitAsync(TestKit.Timeout));
        string[] lines = sub.ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal([$"{topic} zero", $"{topic} one", $"{topic} two"], lines);
    }

    [Fact]
    public async Task A_refused_connect_carries_the_return_code()
    {
        var folder = RunFolder.Create("mqtt-auth");
        string passwords = folder.File("passwd");
        await using (var passwd = ExternalProcess.Start("mosquitto_passwd", ["-b", "-c", passwords, "meter", "s3cret"], folder.File("passwd.log")))
        {
            Assert.Equal(0, await passwd.WaitForExitAsync(TestKit.Timeout));
        }
        await using var broker = await MosquittoBroker.StartAsync("mqtt-auth", new MosquittoOptions { AllowAnonymous = false, PasswordFile = passwords });

        var wrong = Options(broker.Port, UniqueId("c"));
        wrong.Username = "meter";
        wrong.Password = "wrong";
        await using var refused = new MqttClient(wrong);
        var error = await Assert.ThrowsAsync<MqttConnectException>(() => refused.ConnectAsync()).Within();
        Assert.Contains(error.ReasonCode, new[] { MqttConnectReasonCode.NotAuthorized, MqttConnectReasonCode.BadUserNameOrPassword });
        Assert.False(refused.IsConnected);

        var right = Options(broker.Port, UniqueId("c"));
        right.Username = "meter";
        right.Password = "s3cret";
        await using var accepted = new MqttClient(right);
        await accepted.ConnectAsync().Within();
        Assert.True(accepted.IsConnected);
    }

    /// <summary>mosquitto_sub has subscribed once the broker logs its SUBSCRIBE for the topic.</summary>
    private async Task WaitForSubscriptionAsync(string topic)
    {
        var deadline = DateTime.UtcNow + TestKit.Timeout;
        while (!MosquittoLog().Contains(topic, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"mosquitto_sub did not subscribe to {topic}");
            await Task.Delay(50);
        }
    }

    private string MosquittoLog()
    {
        using var stream = new FileStream(Broker.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
