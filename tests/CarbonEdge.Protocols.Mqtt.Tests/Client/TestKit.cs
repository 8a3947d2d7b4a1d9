using System.Text;
using System.Threading.Channels;
using CarbonEdge.Protocols.Mqtt.Client;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

internal static class TestKit
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Options for a test client: fast reconnects so tests that break links stay short.</summary>
    public static MqttClientOptions Options(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V311) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = clientId,
        ProtocolVersion = version,
        ReconnectDelayMin = TimeSpan.FromMilliseconds(50),
        ReconnectDelayMax = TimeSpan.FromMilliseconds(500),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public static string UniqueTopic(string name) => $"test/{name}/{Guid.NewGuid():N}";

    public static string UniqueId(string name) => $"{name}-{Guid.NewGuid():N}"[..23];

    public static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce,
        bool retain = false) => new(topic, Encoding.UTF8.GetBytes(payload)) { QualityOfService = qos, Retain = retain };

    public static string Text(this MqttApplicationMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);
}

/// <summary>Collects what a client receives, to await in tests.</summary>
internal sealed class Received
{
    private readonly Channel<MqttMessageReceivedEventArgs> _messages = System.Threading.Channels.Channel.CreateUnbounded<MqttMessageReceivedEventArgs>();
    private readonly List<string> _texts = [];

    public Received(MqttClient client, bool autoAcknowledge = true)
    {
        client.MessageReceivedAsync += args =>
        {
            args.AutoAcknowledge = autoAcknowledge;
            lock (_texts) _texts.Add(args.Message.Text());
            _messages.Writer.TryWrite(args);
            return Task.CompletedTask;
        };
    }

    /// <summary>Payloads (as text) of everything received so far, in order.</summary>
    public IReadOnlyList<string> Texts
    {
        get { lock (_texts) return [.. _texts]; }
    }

    public async Task<MqttMessageReceivedEventArgs> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestKit.Timeout);
        return await _messages.Reader.ReadAsync(cts.Token);
    }

    public async Task<List<MqttMessageReceivedEventArgs>> TakeAsync(int count, TimeSpan? timeout = null)
    {
        var list = new List<MqttMessageReceivedEventArgs>();
        while (list.Count < count) list.Add(await NextAsync(timeout));
        return list;
    }

    /// <summary>True when nothing arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            await _messages.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
