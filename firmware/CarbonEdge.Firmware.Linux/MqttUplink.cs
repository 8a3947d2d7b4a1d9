using System.Buffers;
using CarbonEdge.Firmware.Core.Uplink;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// The core's uplink over MQTTnet (MQTT 3.1.1, persistent session; the status LED follows the connection). The core's
/// loop is synchronous, so each call waits for MQTTnet, at most 10 s. A publish is true only after the broker's PUBACK.
/// </summary>
internal sealed class MqttUplink : IUplink, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _host;
    private readonly int _port;

    public MqttUplink(string host, int port, BoardPins pins, Action<string, byte[], int> onCommand)
    {
        (_host, _port) = (host, port);
        _client.ConnectedAsync += _ => { pins.Led(true); return Task.CompletedTask; };
        _client.DisconnectedAsync += _ => { pins.Led(false); return Task.CompletedTask; };
        _client.ApplicationMessageReceivedAsync += e =>
        {
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            onCommand(e.ApplicationMessage.Topic, payload, payload.Length);
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, string commandFilter) => Wait(async ct =>
    {
        var options = new MqttClientOptionsBuilder().WithTcpServer(_host, _port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311).WithCleanSession(false).WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(Timeout).WithWillTopic(willTopic).WithWillPayload(willPayload[..willLength]).WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        if ((await _client.ConnectAsync(options, ct)).ResultCode != MqttClientConnectResultCode.Success) return false;
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(commandFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        return true;
    });

    public bool Publish(string topic, byte[] payload, int length, bool retain) => Wait(async ct =>
        (await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(new ArraySegment<byte>(payload, 0, length))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build(), ct)).IsSuccess);

    public void Disconnect() => Wait(async ct => { await _client.DisconnectAsync(new MqttClientDisconnectOptions(), ct); return true; });

    public void Dispose() => _client.Dispose();

    private bool Wait(Func<CancellationToken, Task<bool>> call)
    {
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            return call(cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            Console.Error.WriteLine($"mqtt {_host}:{_port}: {ex.Message}");
            return false;
        }
    }
}
