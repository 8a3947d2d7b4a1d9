using System.Text;
using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Protocols.Mqtt;
using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Mqtt;

/// <summary><c>cedge mqtt pub</c> / <c>cedge mqtt sub</c> run as a person runs them, against a real mosquitto.</summary>
public sealed class MqttCommandTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync("cedge-mqtt");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Pub_stdin_lines_publishes_each_line_and_exits_after_every_ack()
    {
        string topic = $"cli/{Guid.NewGuid():N}";
        var received = new List<string>();
        await using var watcher = new MqttClient(new MqttClientOptions { Port = _broker.Port, ClientId = "watcher-" + Guid.NewGuid().ToString("N")[..8] });
        watcher.MessageReceivedAsync += e => { lock (received) received.Add(Encoding.UTF8.GetString(e.Message.Payload.Span)); return Task.CompletedTask; };
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);

        string input = string.Join('\n', Enumerable.Range(0, 500).Select(i => $"line {i}")) + "\n";
        var (code, _, error) = await Cedge.RunWithInputAsync(input, "mqtt", "pub", "--url", _broker.Url, "-t", topic, "--stdin-lines", "-q", "1");
        Assert.Equal(0, code);
        Assert.Contains("published 500 messages", error);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < 500 && DateTime.UtcNow < deadline) await Task.Delay(20);
        lock (received) Assert.Equal(Enumerable.Range(0, 500).Select(i => $"line {i}"), received);
    }

    [Fact]
    public async Task Sub_prints_payloads_with_topics_and_stops_after_count()
    {
        string topic = $"cli/{Guid.NewGuid():N}";
        var sub = Cedge.RunAsync("mqtt", "sub", "--url", _broker.Url, "-t", topic + "/#", "-q", "1", "-C", "2", "-v");
        await using var publisher = new MqttClient(new MqttClientOptions { Port = _broker.Port, ClientId = "pub-" + Guid.NewGuid().ToString("N")[..8] });
        await publisher.ConnectAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!sub.IsCompleted && DateTime.UtcNow < deadline)
        {
            // the subscriber may not be subscribed yet: keep publishing until it has its two messages
            await publisher.PublishAsync(new MqttApplicationMessage(topic + "/a", "{\"kw\":1.5}"u8.ToArray()) { QualityOfService = MqttQualityOfServiceLevel.AtLeastOnce });
            await Task.Delay(100);
        }
        var (code, output, _) = await sub;
        Assert.Equal(0, code);
        Assert.Equal([$"{topic}/a {{\"kw\":1.5}}", $"{topic}/a {{\"kw\":1.5}}"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_refused_connection_exits_non_zero_and_prints_the_reason_code()
    {
        var folder = RunFolder.Create("cedge-mqtt-auth");
        string passwords = folder.File("passwd");
        await using (var passwd = ExternalProcess.Start("mosquitto_passwd", ["-c", "-b", passwords, "meter", "s3cret"], folder.File("passwd.log")))
        {
            Assert.Equal(0, await passwd.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        await using var broker = await MosquittoBroker.StartAsync("cedge-mqtt-auth", new MosquittoOptions { AllowAnonymous = false, PasswordFile = passwords });
        foreach (string version in new[] { "311", "5" })
        {
            var (code, _, error) = await Cedge.RunAsync("mqtt", "pub", "--url", broker.Url, "-t", "a/b", "-m", "x", "-u", "meter", "-P", "wrong", "-V", version);
            Assert.Equal(3, code);
            Assert.Contains("NotAuthorized (0x87)", error);
            Assert.Contains("hint:", error);
        }
        var ok = await Cedge.RunAsync("mqtt", "pub", "--url", broker.Url, "-t", "a/b", "-m", "x", "-u", "meter", "-P", "s3cret", "-q", "1");
        Assert.Equal(0, ok.ExitCode);
    }

    [Fact]
    public async Task Bad_arguments_exit_2_with_a_message()
    {
        var (code, _, error) = await Cedge.RunAsync("mqtt", "pub", "--url", _broker.Url, "-t", "a/+", "-m", "x");
        Assert.Equal(2, code);
        Assert.Contains("not a topic", error);
        (code, _, error) = await Cedge.RunAsync("mqtt", "pub", "--url", "http://x", "-t", "a", "-m", "x");
        Assert.Equal(2, code);
        Assert.Contains("mqtt://", error);
    }
}
