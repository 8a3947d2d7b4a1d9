using System.Buffers;
using CarbonEdge.Firmware.Core.Uplink;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// The core's uplink over MQTTnet (MQTT 3.1.1, persistent session): the core's loop is synchronous, so each call
/// waits for MQTTnet with a timeout. A publish returns true only after the broker's PUBACK.
/// </summary>
internal sealed class MqttUplink(string host, int port, Action<string, byte[], int> onCommand) : IUplink, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client = CreateClient(onCommand);

    public bool IsConnected => _client.IsConnected;

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, string commandFilter)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(false).WithKeepAlivePeriod(TimeSpan.FromSeconds(15)).WithTimeout(Timeout)
            .WithWillTopic(willTopic).WithWillPayload(willPayload[..willLength]).WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            var result = _client.ConnectAsync(options, cts.Token).GetAwaiter().GetResult();
            if (result.ResultCode != MqttClientConnectResultCode.Success) return false;
            var subscription = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(commandFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build();
            _client.SubscribeAsync(subscription, cts.Token).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            Console.Error.WriteLine($"mqtt: connecting to {host}:{port} failed: {ex.Message}");
            return false;
        }
    }

    public bool Publish(string topic, byte[] payload, int length, bool retain)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(new ArraySegment<byte>(payload, 0, length))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            return _client.PublishAsync(message, cts.Token).GetAwaiter().GetResult().IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Disconnect()
    {
        try
        {
            _client.DisconnectAsync().GetAwaiter().GetResult();
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _client.Dispose();

    private static IMqttClient CreateClient(Action<string, byte[], int> onCommand)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            onCommand(e.ApplicationMessage.Topic, payload, payload.Length);
            return Task.CompletedTask;
        };
        return client;
    }
}
