using System.Text;
using System.Threading;
using CarbonEdge.Firmware.Core.Uplink;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace CarbonEdge.Firmware.Esp32
{
    /// <summary>
    /// The core's uplink over nanoFramework.M2Mqtt (MQTT 3.1.1, persistent session). <c>Publish</c> returns a message
    /// id; the broker's PUBACK raises <c>MqttMsgPublished</c> with it, which this adapter waits for (10 s). The status LED
    /// follows the connection.
    /// </summary>
    internal sealed class M2MqttUplink : IUplink
    {
        private const int AckTimeoutMilliseconds = 10_000;
        private readonly MqttClient _client;
        private readonly AutoResetEvent _acknowledged = new AutoResetEvent(false);
        private ushort _waitingFor;
        private readonly Esp32Board _board;
        private bool _published;

        public M2MqttUplink(string host, int port, Esp32Board board)
        {
            _client = new MqttClient(host, port, false, null, null, MqttSslProtocols.None);
            _client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            _client.MqttMsgPublished += (sender, e) =>
            {
                if (e.MessageId != _waitingFor)
                    return;
                _published = e.IsPublished;
                _acknowledged.Set();
            };
            _client.MqttMsgPublishReceived += (sender, e) =>
            {
                if (Commands != null)
                    Commands.Receive(e.Topic, e.Message, e.Message.Length);
            };
            _client.ConnectionClosed += (sender, e) => board.Led(false);
            _board = board;
        }

        /// <summary>Where commands go (the terminal's inbox).</summary>
        public CommandInbox Commands { get; set; }

        public bool IsConnected => _client.IsConnected;

        public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, string commandFilter)
        {
            try
            {
                string will = new string(Encoding.UTF8.GetChars(willPayload, 0, willLength));
                if (_client.Connect(clientId, null, null, true, MqttQoSLevel.AtLeastOnce, true, willTopic, will, false, 30) != MqttReasonCode.Success)
                    return false;
                _client.Subscribe(new[] { commandFilter }, new[] { MqttQoSLevel.AtLeastOnce });
                _board.Led(true);
                return true;
            }
            catch (System.Exception)
            {
                return false; // unreachable or refused: the core counts it and backs off
            }
        }

        public bool Publish(string topic, byte[] payload, int length, bool retain)
        {
            byte[] message = new byte[length]; // M2Mqtt sends whole arrays
            System.Array.Copy(payload, message, length);
            try
            {
                _acknowledged.Reset();
                _published = false;
                _waitingFor = _client.Publish(topic, message, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return _acknowledged.WaitOne(AckTimeoutMilliseconds, false) && _published;
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        public void Disconnect() => _client.Disconnect();
    }
}
